package dev.va.application.triage.rules;

import com.google.re2j.Pattern;
import dev.va.application.triage.MessageHeaders;
import dev.va.domain.mail.Category;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A compiled condition. {@code test} appends a readable line for every leaf that made it true, so a rule
 * application can say why it fired; lines of branches that turned out false are removed again.
 */
sealed interface Condition {
  boolean test(RuleInput input, List<String> why);

  String describe();

  record All(List<Condition> conditions) implements Condition {
    @Override
    public boolean test(RuleInput input, List<String> why) {
      int mark = why.size();
      for (Condition c : conditions) {
        if (!c.test(input, why)) {
          truncate(why, mark);
          return false;
        }
      }
      if (conditions.isEmpty()) why.add("always");
      return true;
    }

    @Override
    public String describe() {
      return conditions.isEmpty() ? "always"
          : conditions.stream().map(Condition::describe).collect(Collectors.joining(" and ", "(", ")"));
    }
  }

  record Any(List<Condition> conditions) implements Condition {
    @Override
    public boolean test(RuleInput input, List<String> why) {
      for (Condition c : conditions) {
        int mark = why.size();
        if (c.test(input, why)) return true;
        truncate(why, mark);
      }
      return false;
    }

    @Override
    public String describe() {
      return conditions.stream().map(Condition::describe).collect(Collectors.joining(" or ", "(", ")"));
    }
  }

  record Not(Condition condition) implements Condition {
    @Override
    public boolean test(RuleInput input, List<String> why) {
      if (condition.test(input, new ArrayList<>())) return false;
      why.add(describe());
      return true;
    }

    @Override
    public String describe() {
      return "not " + condition.describe();
    }
  }

  /** The text fields, each giving the strings a condition looks at (true if any of them matches). */
  enum TextField {
    FROM("from", RuleInput::from),
    TO("to", RuleInput::to),
    CC("cc", RuleInput::cc),
    SUBJECT("subject", in -> List.of(in.subject())),
    BODY("body", in -> List.of(in.body()));

    final String json;
    final Function<RuleInput, List<String>> values;

    TextField(String json, Function<RuleInput, List<String>> values) {
      this.json = json;
      this.values = values;
    }
  }

  enum TextOp { EQUALS, CONTAINS, STARTS_WITH, ENDS_WITH, MATCHES, IN }

  /**
   * A text comparison. {@code header} is the lower-cased header name for header conditions (then {@code field}
   * is null). Without {@code caseSensitive}, both sides are compared in lower case.
   */
  record Text(TextField field, String header, TextOp op, List<String> operands, boolean caseSensitive,
      Pattern regex) implements Condition {

    @Override
    public boolean test(RuleInput input, List<String> why) {
      List<String> values = field != null ? field.values.apply(input)
          : MessageHeaders.all(input.message(), header);
      for (String value : values) {
        if (value != null && matches(value)) {
          // a body is too long to quote usefully
          why.add(field == TextField.BODY ? describe() : describe() + " (matched " + quote(abbreviate(value)) + ")");
          return true;
        }
      }
      return false;
    }

    private boolean matches(String value) {
      if (op == TextOp.MATCHES) return regex.matcher(value).find();
      String v = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
      for (String operand : operands) {
        boolean hit = switch (op) {
          case EQUALS, IN -> v.equals(operand);
          case CONTAINS -> v.contains(operand);
          case STARTS_WITH -> v.startsWith(operand);
          case ENDS_WITH -> v.endsWith(operand);
          case MATCHES -> throw new AssertionError();
        };
        if (hit) return true;
      }
      return false;
    }

    @Override
    public String describe() {
      String subject = field != null ? field.json : "header " + quote(header);
      String operand = op == TextOp.IN ? list(operands)
          : quote(op == TextOp.MATCHES ? regex.pattern() : operands.get(0));
      return subject + " " + op.name().toLowerCase(Locale.ROOT) + " " + operand
          + (caseSensitive ? " (case-sensitive)" : "");
    }
  }

  record HeaderExists(String header) implements Condition {
    @Override
    public boolean test(RuleInput input, List<String> why) {
      if (MessageHeaders.all(input.message(), header).isEmpty()) return false;
      why.add(describe());
      return true;
    }

    @Override
    public String describe() {
      return "header " + quote(header) + " exists";
    }
  }

  record CategoryIn(Set<Category> categories, boolean single) implements Condition {
    @Override
    public boolean test(RuleInput input, List<String> why) {
      if (!categories.contains(input.category())) return false;
      why.add(describe());
      return true;
    }

    @Override
    public String describe() {
      return single ? "category equals " + quote(categories.iterator().next().name())
          : "category in " + list(categories.stream().map(Category::name).sorted().toList());
    }
  }

  enum NumberField { CONFIDENCE, SIZE }

  enum NumberOp { EQUALS, GREATER_THAN, LESS_THAN }

  record NumberCompare(NumberField field, NumberOp op, BigDecimal operand) implements Condition {
    @Override
    public boolean test(RuleInput input, List<String> why) {
      BigDecimal actual = field == NumberField.SIZE ? BigDecimal.valueOf(input.message().sizeBytes())
          : BigDecimal.valueOf(input.confidence());
      int cmp = actual.compareTo(operand);
      boolean hit = switch (op) {
        case EQUALS -> cmp == 0;
        case GREATER_THAN -> cmp > 0;
        case LESS_THAN -> cmp < 0;
      };
      if (hit) why.add(describe() + " (was " + actual.stripTrailingZeros().toPlainString() + ")");
      return hit;
    }

    @Override
    public String describe() {
      return field.name().toLowerCase(Locale.ROOT) + " " + op.name().toLowerCase(Locale.ROOT) + " "
          + operand.toPlainString();
    }
  }

  enum FlagField { NEEDS_REPLY, HAS_ATTACHMENT }

  record FlagEquals(FlagField field, boolean expected) implements Condition {
    @Override
    public boolean test(RuleInput input, List<String> why) {
      boolean actual = field == FlagField.NEEDS_REPLY ? input.needsReply() : input.message().hasAttachments();
      if (actual != expected) return false;
      why.add(describe());
      return true;
    }

    @Override
    public String describe() {
      return field.name().toLowerCase(Locale.ROOT) + " equals " + expected;
    }
  }

  /** Received at a local time within [start, end) in {@code zone}; a window with end before start wraps midnight. */
  record ReceivedBetween(LocalTime start, LocalTime end, ZoneId zone) implements Condition {
    @Override
    public boolean test(RuleInput input, List<String> why) {
      LocalTime t = ZonedDateTime.ofInstant(input.message().receivedAt(), zone).toLocalTime();
      boolean hit = start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end)
          : !t.isBefore(start) || t.isBefore(end);
      if (hit) why.add(describe() + " (was " + t.withNano(0) + ")");
      return hit;
    }

    @Override
    public String describe() {
      return "received between " + start + " and " + end + " " + zone.getId();
    }
  }

  record WeekdayIn(Set<DayOfWeek> days, ZoneId zone) implements Condition {
    @Override
    public boolean test(RuleInput input, List<String> why) {
      DayOfWeek day = ZonedDateTime.ofInstant(input.message().receivedAt(), zone).getDayOfWeek();
      if (!days.contains(day)) return false;
      why.add(describe() + " (was " + shortName(day) + ")");
      return true;
    }

    @Override
    public String describe() {
      return "weekday in " + list(days.stream().sorted().map(Condition::shortName).toList()) + " " + zone.getId();
    }
  }

  private static String shortName(DayOfWeek day) {
    return day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  private static void truncate(List<String> why, int size) {
    while (why.size() > size) why.remove(why.size() - 1);
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static String list(List<String> items) {
    return items.stream().map(Condition::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String abbreviate(String s) {
    String head = s.length() > 200 ? s.substring(0, 200) : s;
    String oneLine = head.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
  }
}
