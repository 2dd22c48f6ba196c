package dev.va.bootstrap.triage;

import dev.va.application.json.Json;
import dev.va.application.json.JsonParseException;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonArray;
import dev.va.application.json.JsonValue.JsonNumber;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.application.triage.rules.RuleDocument;
import dev.va.application.triage.rules.RuleProblem;
import dev.va.application.triage.rules.RuleSet;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import java.math.BigDecimal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A rules file for offline triage: a JSON array whose elements are either rule objects
 * {@code {"id": UUID (optional), "name": text, "priority": 0..1000000, "document": {rule document}}} or bare rule
 * documents ({@code {"when": ..., "then": ...}}, named "rule N" after their position, priority 0). Rules run by
 * priority, ties in file order. Every problem is reported with its JSON path in the file, e.g.
 * {@code $[1].document.when.op: unknown operator "containz"}.
 */
final class RulesFile {
  static final int MAX_FILE_CHARS = 16 * 1024 * 1024;
  private static final int MAX_DEPTH = 40;
  private static final int MAX_PRIORITY = 1_000_000;
  private static final Set<String> RULE_KEYS = Set.of("id", "name", "priority", "document");

  private RulesFile() {}

  /** The rules of a file, compiled. */
  static RuleSet read(Path file) throws IOException, InvalidInputException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(e.problems().stream().map(p -> file + ": " + p).toList());
    }
  }

  /** The rules of a file's text, compiled; every rule is enabled. Problems read "JSON path: what is wrong". */
  static RuleSet parse(String text) throws InvalidInputException {
    JsonValue root;
    try {
      root = Json.parse(text, MAX_FILE_CHARS, MAX_DEPTH);
    } catch (JsonParseException e) {
      throw new InvalidInputException(List.of("$: not valid JSON: " + e.getMessage()));
    }
    if (!(root instanceof JsonArray array)) {
      throw new InvalidInputException(List.of("$: must be an array of rules, not " + root.typeName()));
    }
    List<String> problems = new ArrayList<>();
    List<AutoReplyRule> rules = new ArrayList<>();
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < array.elements().size(); i++) {
      AutoReplyRule rule = rule(array.elements().get(i), i, ids, problems);
      if (rule != null) rules.add(rule);
    }
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    return RuleSet.compile(rules);
  }

  private static AutoReplyRule rule(JsonValue element, int index, Set<UUID> ids, List<String> problems) {
    String path = "$[" + index + "]";
    if (!(element instanceof JsonObject object)) {
      problems.add(path + ": must be an object (a rule or a rule document), not " + element.typeName());
      return null;
    }
    if (!object.has("document")) {
      return rule(object, path, index, defaultId(index), "rule " + (index + 1), 0, problems);
    }
    int before = problems.size();
    for (String key : object.members().keySet()) {
      if (!RULE_KEYS.contains(key)) {
        problems.add(path + "." + key + ": unknown key (a rule has id, name, priority and document)");
      }
    }
    UUID id = object.get("id").map(v -> id(v, path + ".id", problems)).orElse(defaultId(index));
    if (id != null && !ids.add(id)) problems.add(path + ".id: the same id as an earlier rule");
    String name = name(object.get("name").orElse(null), path + ".name", problems);
    int priority = priority(object.get("priority").orElse(null), path + ".priority", problems);
    JsonValue document = object.members().get("document");
    if (!(document instanceof JsonObject documentObject)) {
      problems.add(path + ".document: must be an object (a rule document), not " + document.typeName());
      return null;
    }
    AutoReplyRule rule = rule(documentObject, path + ".document", index, id, name, priority, problems);
    return problems.size() == before ? rule : null;
  }

  private static AutoReplyRule rule(JsonObject document, String path, int index, UUID id, String name,
      int priority, List<String> problems) {
    String text = Json.write(document);
    if (text.length() > AutoReplyRule.MAX_DOCUMENT_LENGTH) {
      problems.add(path + ": longer than " + AutoReplyRule.MAX_DOCUMENT_LENGTH + " characters");
      return null;
    }
    List<RuleProblem> found = RuleDocument.validate(text);
    for (RuleProblem problem : found) problems.add(path + problem.path().substring(1) + ": " + problem.message());
    if (!found.isEmpty() || id == null || name == null || priority < 0) return null;
    // creation times in file order make the engine break priority ties by position in the file
    Instant created = Instant.EPOCH.plusSeconds(index);
    return new AutoReplyRule(new AutoReplyRuleId(id), OfflineMail.USER, name, priority, true, 1, text, created,
        created);
  }

  /** A rule without an id gets one derived from its position, so output is the same run after run. */
  static UUID defaultId(int index) {
    return UUID.nameUUIDFromBytes(("va-offline-rule-" + index).getBytes(StandardCharsets.UTF_8));
  }

  private static UUID id(JsonValue value, String path, List<String> problems) {
    if (value instanceof JsonString s) {
      try {
        UUID id = UUID.fromString(s.value());
        if (id.toString().equalsIgnoreCase(s.value())) return id;
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    problems.add(path + ": must be a UUID string");
    return null;
  }

  private static String name(JsonValue value, String path, List<String> problems) {
    if (value == null) {
      problems.add(path + ": is required");
    } else if (!(value instanceof JsonString s) || s.value().isBlank()) {
      problems.add(path + ": must be a non-empty string");
    } else if (s.value().length() > 200) {
      problems.add(path + ": at most 200 characters");
    } else {
      return s.value().strip();
    }
    return null;
  }

  private static int priority(JsonValue value, String path, List<String> problems) {
    if (value == null) {
      problems.add(path + ": is required");
      return -1;
    }
    if (value instanceof JsonNumber n) {
      BigDecimal d = n.value();
      boolean integer = d.stripTrailingZeros().scale() <= 0;
      if (integer && d.signum() >= 0 && d.compareTo(BigDecimal.valueOf(MAX_PRIORITY)) <= 0) {
        return d.intValueExact();
      }
    }
    problems.add(path + ": must be an integer from 0 to " + MAX_PRIORITY);
    return -1;
  }
}
