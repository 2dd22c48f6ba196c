package dev.va.application.triage.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.va.application.json.Json;
import dev.va.application.json.JsonParseException;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonArray;
import dev.va.application.json.JsonValue.JsonBool;
import dev.va.application.json.JsonValue.JsonNumber;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.application.triage.rules.Condition.TextField;
import dev.va.application.triage.rules.Condition.TextOp;
import dev.va.domain.mail.Category;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.shared.DomainValidationException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A validated, compiled rule document: its condition and its actions. {@link #parse} checks the whole document and
 * reports every problem with its JSON path; the result holds precompiled regular expressions and is safe to share
 * between threads. The grammar is documented in docs/RULES.md.
 */
public final class RuleDocument {
  public static final int MAX_DEPTH = 8;
  public static final int MAX_CONDITIONS = 100;
  public static final int MAX_ACTIONS = 20;
  public static final int MAX_LIST = 100;
  public static final int MAX_TEXT = 1_000;
  public static final int MAX_PATTERN = 500;
  public static final int MIN_PERIOD_DAYS = 1;
  public static final int MAX_PERIOD_DAYS = 365;
  public static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

  private static final Set<String> TEXT_OPS =
      Set.of("equals", "contains", "starts_with", "ends_with", "matches", "in");
  private static final Set<String> TEXT_FIELDS = Set.of("from", "to", "cc", "subject", "body", "header");
  private static final Map<String, Set<String>> OPS_BY_FIELD = Map.ofEntries(
      Map.entry("from", TEXT_OPS), Map.entry("to", TEXT_OPS), Map.entry("cc", TEXT_OPS),
      Map.entry("subject", TEXT_OPS), Map.entry("body", TEXT_OPS),
      Map.entry("header", union(TEXT_OPS, Set.of("exists"))),
      Map.entry("category", Set.of("equals", "in")),
      Map.entry("confidence", Set.of("equals", "greater_than", "less_than")),
      Map.entry("size", Set.of("equals", "greater_than", "less_than")),
      Map.entry("needs_reply", Set.of("equals")),
      Map.entry("has_attachment", Set.of("equals")),
      Map.entry("received", Set.of("between")),
      Map.entry("weekday", Set.of("equals", "in")));
  private static final Set<String> ALL_OPS = OPS_BY_FIELD.values().stream()
      .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
  private static final Set<String> ACTIONS = Set.of("flag", "unflag", "label", "move", "archive", "mark_read",
      "auto_reply", "draft_reply", "notify", "stop");
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final java.util.regex.Pattern HEADER_NAME = java.util.regex.Pattern.compile("[!-9;-~]{1,76}");

  private final Condition when;
  private final List<RuleAction> then;

  private RuleDocument(Condition when, List<RuleAction> then) {
    this.when = when;
    this.then = List.copyOf(then);
  }

  /** @throws RuleValidationException listing every problem */
  public static RuleDocument parse(String document) {
    return parse(document, category -> true);
  }

  /**
   * Like {@link #parse(String)}, and a category a condition names must be {@code known} (a user's rule names the
   * built-in categories and the user's own). A stored rule is run as it is, whatever categories exist later.
   *
   * @throws RuleValidationException listing every problem
   */
  public static RuleDocument parse(String document, Predicate<Category> known) {
    JsonValue root;
    try {
      root = Json.parse(document, AutoReplyRule.MAX_DOCUMENT_LENGTH, 32);
    } catch (JsonParseException e) {
      throw new RuleValidationException(List.of(new RuleProblem("$", "not valid JSON: " + e.getMessage())));
    }
    Parser parser = new Parser(known);
    RuleDocument parsed = parser.document(root);
    if (!parser.problems.isEmpty()) throw new RuleValidationException(parser.problems);
    return parsed;
  }

  /** The problems of a document; empty when it is valid. */
  public static List<RuleProblem> validate(String document) {
    try {
      parse(document);
      return List.of();
    } catch (RuleValidationException e) {
      return e.problems();
    }
  }

  public List<RuleAction> actions() {
    return then;
  }

  /** Whether the condition holds; adds a line per condition that made it true to {@code why}. */
  public boolean matches(RuleInput input, List<String> why) {
    return when.test(input, why);
  }

  /** The whole condition, readable. */
  public String describeCondition() {
    return when.describe();
  }

  /** Walks the JSON tree once, collecting problems instead of stopping at the first. */
  private static final class Parser {
    final List<RuleProblem> problems = new ArrayList<>();
    final Predicate<Category> known;
    int conditions;

    Parser(Predicate<Category> known) {
      this.known = known;
    }

    RuleDocument document(JsonValue root) {
      JsonObject object = object(root, "$");
      if (object == null) return null;
      onlyKeys(object, "$", Set.of("when", "then"));
      Condition when = null;
      if (require(object, "$", "when")) when = condition(object.members().get("when"), "$.when", 1);
      List<RuleAction> then = object.has("then") ? actions(object.members().get("then"), "$.then") : null;
      require(object, "$", "then");
      return problems.isEmpty() ? new RuleDocument(when, then) : null;
    }

    Condition condition(JsonValue value, String path, int depth) {
      JsonObject object = object(value, path);
      if (object == null) return null;
      if (depth > MAX_DEPTH) {
        problem(path, "conditions nest deeper than " + MAX_DEPTH + " levels");
        return null;
      }
      for (String combinator : List.of("all", "any", "not")) {
        if (!object.has(combinator)) continue;
        onlyKeys(object, path, Set.of(combinator));
        String inner = path + "." + combinator;
        JsonValue operand = object.members().get(combinator);
        if (combinator.equals("not")) {
          Condition c = condition(operand, inner, depth + 1);
          return c == null ? null : new Condition.Not(c);
        }
        JsonArray array = array(operand, inner);
        if (array == null) return null;
        if (combinator.equals("any") && array.elements().isEmpty()) problem(inner, "needs at least one condition");
        if (array.elements().size() > MAX_LIST) problem(inner, "at most " + MAX_LIST + " conditions");
        List<Condition> children = new ArrayList<>();
        for (int i = 0; i < array.elements().size(); i++) {
          children.add(condition(array.elements().get(i), inner + "[" + i + "]", depth + 1));
        }
        if (children.contains(null)) return null;
        return combinator.equals("all") ? new Condition.All(children) : new Condition.Any(children);
      }
      if (++conditions > MAX_CONDITIONS) {
        if (conditions == MAX_CONDITIONS + 1) problem(path, "more than " + MAX_CONDITIONS + " conditions in a rule");
        return null;
      }
      return predicate(object, path);
    }

    Condition predicate(JsonObject object, String path) {
      if (!object.has("field")) {
        problem(path, "expected \"field\" and \"op\", or one of \"all\", \"any\", \"not\"");
        return null;
      }
      String field = string(object.members().get("field"), path + ".field");
      boolean opPresent = require(object, path, "op");
      String op = opPresent ? string(object.members().get("op"), path + ".op") : null;
      if (field == null) return null;
      Set<String> ops = OPS_BY_FIELD.get(field);
      if (ops == null) {
        problem(path + ".field", "unknown field \"" + field + "\" (one of: " + sorted(OPS_BY_FIELD.keySet()) + ")");
        return null;
      }
      Set<String> keys = new LinkedHashSet<>(List.of("field", "op"));
      if (!"exists".equals(op)) keys.add("value");
      if (field.equals("header")) keys.add("name");
      if (TEXT_FIELDS.contains(field) && !"exists".equals(op)) keys.add("case_sensitive");
      if (field.equals("received") || field.equals("weekday")) keys.add("zone");
      onlyKeys(object, path, keys);
      String header = null;
      if (field.equals("header") && require(object, path, "name")) header = headerName(object, path + ".name");
      if (op == null) return null;
      if (!ops.contains(op)) {
        if (ALL_OPS.contains(op)) {
          problem(path + ".op", "operator \"" + op + "\" does not apply to field \"" + field + "\" (one of: "
              + sorted(ops) + ")");
        } else {
          problem(path + ".op", "unknown operator \"" + op + "\"");
        }
        return null;
      }
      if (op.equals("exists")) return header == null ? null : new Condition.HeaderExists(header);
      if (!require(object, path, "value")) return null;
      JsonValue value = object.members().get("value");
      String valuePath = path + ".value";
      return switch (field) {
        case "from", "to", "cc", "subject", "body", "header" -> text(field, header, op, value, object, path);
        case "category" -> category(op, value, valuePath);
        case "confidence" -> number(Condition.NumberField.CONFIDENCE, op, value, valuePath);
        case "size" -> number(Condition.NumberField.SIZE, op, value, valuePath);
        case "needs_reply", "has_attachment" -> {
          Boolean b = bool(value, valuePath);
          yield b == null ? null : new Condition.FlagEquals(
              field.equals("needs_reply") ? Condition.FlagField.NEEDS_REPLY : Condition.FlagField.HAS_ATTACHMENT, b);
        }
        case "received" -> received(value, valuePath, zone(object, path));
        case "weekday" -> weekday(op, value, valuePath, zone(object, path));
        default -> throw new AssertionError(field);
      };
    }

    Condition text(String field, String header, String op, JsonValue value, JsonObject object, String path) {
      boolean caseSensitive = false;
      if (object.has("case_sensitive")) {
        Boolean b = bool(object.members().get("case_sensitive"), path + ".case_sensitive");
        if (b == null) return null;
        caseSensitive = b;
      }
      String valuePath = path + ".value";
      List<String> operands = new ArrayList<>();
      if (op.equals("in")) {
        List<String> items = stringList(value, valuePath);
        if (items == null) return null;
        operands.addAll(items);
      } else {
        String s = string(value, valuePath);
        if (s == null) return null;
        operands.add(s);
      }
      for (int i = 0; i < operands.size(); i++) {
        String p = op.equals("in") ? valuePath + "[" + i + "]" : valuePath;
        int limit = op.equals("matches") ? MAX_PATTERN : MAX_TEXT;
        if (operands.get(i).length() > limit) {
          problem(p, (op.equals("matches") ? "pattern" : "value") + " longer than " + limit + " characters");
          return null;
        }
        if (operands.get(i).isEmpty() && !op.equals("equals") && !op.equals("in")) {
          problem(p, "must not be empty");
          return null;
        }
      }
      Pattern regex = null;
      if (op.equals("matches")) {
        try {
          regex = Pattern.compile(operands.get(0), caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
          problem(valuePath, "invalid regular expression: " + e.getDescription());
          return null;
        }
      }
      List<String> normalised = caseSensitive ? operands
          : operands.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
      TextField textField = header != null ? null : TextField.valueOf(field.toUpperCase(Locale.ROOT));
      if (field.equals("header") && header == null) return null;
      return new Condition.Text(textField, header, TextOp.valueOf(op.toUpperCase(Locale.ROOT)), normalised,
          caseSensitive, regex);
    }

    Condition category(String op, JsonValue value, String path) {
      List<String> names = op.equals("in") ? stringList(value, path) : singleString(value, path);
      if (names == null) return null;
      Set<Category> categories = new LinkedHashSet<>();
      boolean valid = true;
      for (int i = 0; i < names.size(); i++) {
        String at = op.equals("in") ? path + "[" + i + "]" : path;
        try {
          Category category = new Category(names.get(i));
          if (!known.test(category)) {
            problem(at, "no category is named \"" + category + "\": name a built-in one or one of yours");
            valid = false;
          }
          categories.add(category);
        } catch (DomainValidationException e) {
          problem(at, e.getMessage());
          valid = false;
        }
      }
      return valid ? new Condition.CategoryIn(Set.copyOf(categories), op.equals("equals")) : null;
    }

    Condition number(Condition.NumberField field, String op, JsonValue value, String path) {
      if (!(value instanceof JsonNumber n)) {
        problem(path, "must be a number for " + op + ", not " + value.typeName());
        return null;
      }
      BigDecimal v = n.value();
      if (field == Condition.NumberField.CONFIDENCE && (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0)) {
        problem(path, "confidence is between 0 and 1");
        return null;
      }
      if (field == Condition.NumberField.SIZE && v.signum() < 0) {
        problem(path, "size must not be negative");
        return null;
      }
      return new Condition.NumberCompare(field, Condition.NumberOp.valueOf(op.toUpperCase(Locale.ROOT)), v);
    }

    Condition received(JsonValue value, String path, ZoneId zone) {
      List<String> times = stringList(value, path);
      if (times == null) return null;
      if (times.size() != 2) {
        problem(path, "must be two times [\"HH:mm\", \"HH:mm\"]");
        return null;
      }
      LocalTime start = time(times.get(0), path + "[0]");
      LocalTime end = time(times.get(1), path + "[1]");
      if (start == null || end == null || zone == null) return null;
      if (start.equals(end)) {
        problem(path, "start and end are the same time");
        return null;
      }
      return new Condition.ReceivedBetween(start, end, zone);
    }

    Condition weekday(String op, JsonValue value, String path, ZoneId zone) {
      List<String> names = op.equals("in") ? stringList(value, path) : singleString(value, path);
      if (names == null) return null;
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (int i = 0; i < names.size(); i++) {
        DayOfWeek day = day(names.get(i));
        if (day == null) {
          problem(op.equals("in") ? path + "[" + i + "]" : path, "unknown weekday \"" + names.get(i)
              + "\" (mon, tue, wed, thu, fri, sat, sun)");
        } else {
          days.add(day);
        }
      }
      return days.size() == names.size() && zone != null ? new Condition.WeekdayIn(days, zone) : null;
    }

    List<RuleAction> actions(JsonValue value, String path) {
      JsonArray array = array(value, path);
      if (array == null) return null;
      if (array.elements().isEmpty()) problem(path, "needs at least one action");
      if (array.elements().size() > MAX_ACTIONS) problem(path, "at most " + MAX_ACTIONS + " actions");
      List<RuleAction> actions = new ArrayList<>();
      int autoReplies = 0;
      for (int i = 0; i < array.elements().size(); i++) {
        String p = path + "[" + i + "]";
        RuleAction action = action(array.elements().get(i), p);
        if (action == null) continue;
        if (action instanceof RuleAction.Stop && i != array.elements().size() - 1) {
          problem(p, "\"stop\" must be the last action");
        }
        if (action instanceof RuleAction.AutoReply && ++autoReplies > 1) problem(p, "at most one auto_reply");
        actions.add(action);
      }
      return actions;
    }

    RuleAction action(JsonValue value, String path) {
      JsonObject object = object(value, path);
      if (object == null || !require(object, path, "action")) return null;
      String name = string(object.members().get("action"), path + ".action");
      if (name == null) return null;
      if (!ACTIONS.contains(name)) {
        problem(path + ".action", "unknown action \"" + name + "\" (one of: " + sorted(ACTIONS) + ")");
        return null;
      }
      Set<String> keys = switch (name) {
        case "label" -> Set.of("action", "value");
        case "move" -> Set.of("action", "folder");
        case "auto_reply" -> Set.of("action", "template", "period_days");
        case "draft_reply" -> Set.of("action", "template", "llm");
        case "notify" -> Set.of("action", "url");
        default -> Set.of("action");
      };
      onlyKeys(object, path, keys);
      return switch (name) {
        case "flag" -> new RuleAction.Flag();
        case "unflag" -> new RuleAction.Unflag();
        case "archive" -> new RuleAction.Archive();
        case "mark_read" -> new RuleAction.MarkRead();
        case "stop" -> new RuleAction.Stop();
        case "label" -> {
          String label = name(object, path, "value", 100);
          yield label == null ? null : new RuleAction.Label(label);
        }
        case "move" -> {
          String folder = name(object, path, "folder", 255);
          yield folder == null ? null : new RuleAction.Move(folder);
        }
        case "auto_reply" -> {
          UUID template = template(object, path);
          Duration period = period(object, path);
          yield template == null || period == null ? null : new RuleAction.AutoReply(template, period);
        }
        case "draft_reply" -> {
          UUID template = object.has("template") ? template(object, path) : null;
          Boolean llm = object.has("llm") ? bool(object.members().get("llm"), path + ".llm")
              : Boolean.valueOf(RuleAction.DraftReply.defaultLlm(template));
          boolean valid = llm != null && (template != null || !object.has("template"));
          yield valid ? new RuleAction.DraftReply(template, llm) : null;
        }
        case "notify" -> {
          URI url = url(object, path);
          yield url == null ? null : new RuleAction.Notify(url);
        }
        default -> throw new AssertionError(name);
      };
    }

    String name(JsonObject object, String path, String key, int max) {
      if (!require(object, path, key)) return null;
      String s = string(object.members().get(key), path + "." + key);
      if (s == null) return null;
      if (s.isBlank() || s.length() > max || s.chars().anyMatch(Character::isISOControl)) {
        problem(path + "." + key, "must be 1 to " + max + " characters without control characters");
        return null;
      }
      return s.trim();
    }

    UUID template(JsonObject object, String path) {
      if (!require(object, path, "template")) return null;
      String s = string(object.members().get("template"), path + ".template");
      if (s == null) return null;
      try {
        UUID id = UUID.fromString(s);
        if (id.toString().equalsIgnoreCase(s)) return id;
      } catch (IllegalArgumentException ignored) {
        // reported below
      }
      problem(path + ".template", "must be a template id (a UUID)");
      return null;
    }

    Duration period(JsonObject object, String path) {
      if (!object.has("period_days")) return DEFAULT_PERIOD;
      JsonValue v = object.members().get("period_days");
      if (v instanceof JsonNumber n && n.value().stripTrailingZeros().scale() <= 0
          && n.value().compareTo(BigDecimal.valueOf(MIN_PERIOD_DAYS)) >= 0
          && n.value().compareTo(BigDecimal.valueOf(MAX_PERIOD_DAYS)) <= 0) {
        return Duration.ofDays(n.value().intValueExact());
      }
      problem(path + ".period_days", "must be a whole number of days from " + MIN_PERIOD_DAYS + " to "
          + MAX_PERIOD_DAYS);
      return null;
    }

    URI url(JsonObject object, String path) {
      if (!require(object, path, "url")) return null;
      String s = string(object.members().get("url"), path + ".url");
      if (s == null) return null;
      String problem = null;
      URI uri = null;
      try {
        uri = new URI(s);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) problem = "must be an http or https URL";
        else if (uri.getHost() == null || uri.getHost().isEmpty()) problem = "must name a host";
        else if (uri.getRawUserInfo() != null) problem = "must not carry a user name or password";
        else if (uri.getRawFragment() != null) problem = "must not have a fragment";
        else if (s.length() > 2048) problem = "must be at most 2048 characters";
      } catch (URISyntaxException e) {
        problem = "is not a valid URL: " + e.getReason();
      }
      if (problem != null) {
        problem(path + ".url", problem);
        return null;
      }
      return uri;
    }

    ZoneId zone(JsonObject object, String path) {
      if (!object.has("zone")) return ZoneOffset.UTC;
      String s = string(object.members().get("zone"), path + ".zone");
      if (s == null) return null;
      try {
        return ZoneId.of(s);
      } catch (DateTimeException e) {
        problem(path + ".zone", "unknown time zone \"" + s + "\" (an IANA name such as Europe/Paris)");
        return null;
      }
    }

    LocalTime time(String s, String path) {
      try {
        return LocalTime.parse(s, HH_MM);
      } catch (DateTimeParseException e) {
        problem(path, "must be a time HH:mm, not \"" + s + "\"");
        return null;
      }
    }

    static DayOfWeek day(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      return Arrays.stream(DayOfWeek.values())
          .filter(d -> d.name().toLowerCase(Locale.ROOT).equals(n) || d.name().toLowerCase(Locale.ROOT)
              .substring(0, 3).equals(n))
          .findFirst().orElse(null);
    }

    String headerName(JsonObject object, String path) {
      String s = string(object.members().get("name"), path);
      if (s == null) return null;
      if (!HEADER_NAME.matcher(s).matches()) {
        problem(path, "must be a header name (printable ASCII without ':' or spaces)");
        return null;
      }
      return s.toLowerCase(Locale.ROOT);
    }

    JsonObject object(JsonValue value, String path) {
      if (value instanceof JsonObject o) return o;
      problem(path, "must be an object, not " + value.typeName());
      return null;
    }

    JsonArray array(JsonValue value, String path) {
      if (value instanceof JsonArray a) return a;
      problem(path, "must be an array, not " + value.typeName());
      return null;
    }

    String string(JsonValue value, String path) {
      if (value instanceof JsonString s) return s.value();
      problem(path, "must be a string, not " + value.typeName());
      return null;
    }

    Boolean bool(JsonValue value, String path) {
      if (value instanceof JsonBool b) return b.value();
      problem(path, "must be true or false, not " + value.typeName());
      return null;
    }

    List<String> singleString(JsonValue value, String path) {
      String s = string(value, path);
      return s == null ? null : List.of(s);
    }

    List<String> stringList(JsonValue value, String path) {
      JsonArray array = array(value, path);
      if (array == null) return null;
      if (array.elements().isEmpty()) {
        problem(path, "must not be empty");
        return null;
      }
      if (array.elements().size() > MAX_LIST) {
        problem(path, "at most " + MAX_LIST + " values");
        return null;
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < array.elements().size(); i++) {
        String s = string(array.elements().get(i), path + "[" + i + "]");
        if (s != null) out.add(s);
      }
      return out.size() == array.elements().size() ? out : null;
    }

    boolean require(JsonObject object, String path, String key) {
      if (object.has(key)) return true;
      problem(path, "missing \"" + key + "\"");
      return false;
    }

    void onlyKeys(JsonObject object, String path, Set<String> allowed) {
      for (String key : object.members().keySet()) {
        if (!allowed.contains(key)) {
          problem(path + "." + key, "unknown key \"" + key + "\" (allowed here: " + sorted(allowed) + ")");
        }
      }
    }

    void problem(String path, String message) {
      problems.add(new RuleProblem(path, message));
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }

  private static String sorted(Set<String> names) {
    return names.stream().sorted().collect(Collectors.joining(", "));
  }
}
