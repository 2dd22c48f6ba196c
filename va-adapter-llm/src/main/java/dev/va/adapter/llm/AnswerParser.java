package dev.va.adapter.llm;

import dev.va.application.json.Json;
import dev.va.application.json.JsonParseException;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonArray;
import dev.va.application.json.JsonValue.JsonBool;
import dev.va.application.json.JsonValue.JsonNumber;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.application.port.out.Classifier.Classification;
import dev.va.domain.mail.Category;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The response schema, and the check of an answer against it: the API enforces a strict schema, but an answer is
 * still read as untrusted text. Anything off (not JSON, a missing or extra member, a category not allowed, a
 * confidence outside [0, 1]) gives no classification.
 */
final class AnswerParser {
  static final String SCHEMA_NAME = "email_triage";
  private static final List<String> MEMBERS_IN_ORDER = List.of("category", "confidence", "needs_reply", "reasoning");
  private static final Set<String> MEMBERS = Set.copyOf(MEMBERS_IN_ORDER);
  private static final int MAX_ANSWER_CHARS = 4096;
  private static final int MAX_REASON_CHARS = 200;
  private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\s]+");

  private AnswerParser() {}

  /** JSON schema of the answer (strict mode: every member required, no others). */
  static JsonObject schema(List<Category> allowed) {
    List<JsonValue> names = allowed.stream().<JsonValue>map(c -> JsonValue.of(c.name())).toList();
    Map<String, JsonValue> properties = new LinkedHashMap<>();
    properties.put("category", object("type", JsonValue.of("string"), "enum", new JsonArray(names)));
    properties.put("confidence", object("type", JsonValue.of("number"), "description", JsonValue.of("from 0 to 1")));
    properties.put("needs_reply", object("type", JsonValue.of("boolean")));
    properties.put("reasoning", object("type", JsonValue.of("string"), "description",
        JsonValue.of("at most 15 words")));
    List<JsonValue> required = MEMBERS_IN_ORDER.stream().<JsonValue>map(JsonValue::of).toList();
    return object("type", JsonValue.of("object"), "properties", new JsonObject(properties),
        "required", new JsonArray(required), "additionalProperties", JsonValue.of(false));
  }

  private static JsonObject object(Object... pairs) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) members.put((String) pairs[i], (JsonValue) pairs[i + 1]);
    return new JsonObject(members);
  }

  static Optional<Classification> parse(String content, List<Category> allowed, String model) {
    JsonValue value;
    try {
      value = Json.parse(content, MAX_ANSWER_CHARS, 4);
    } catch (JsonParseException e) {
      return Optional.empty();
    }
    if (!(value instanceof JsonObject answer) || !answer.members().keySet().equals(MEMBERS)) return Optional.empty();
    if (!(answer.members().get("category") instanceof JsonString name)
        || !(answer.members().get("confidence") instanceof JsonNumber confidence)
        || !(answer.members().get("needs_reply") instanceof JsonBool needsReply)
        || !(answer.members().get("reasoning") instanceof JsonString reasoning)) {
      return Optional.empty();
    }
    Optional<Category> category = allowed.stream().filter(c -> c.name().equals(name.value())).findFirst();
    BigDecimal c = confidence.value();
    if (category.isEmpty() || c.signum() < 0 || c.compareTo(BigDecimal.ONE) > 0) return Optional.empty();
    return Optional.of(new Classification(category.get(), c.doubleValue(), needsReply.value(),
        List.of("language model " + model + ": " + readable(reasoning.value()))));
  }

  /** The model's reasoning is shown to the user: one line, printable, short. */
  private static String readable(String reasoning) {
    String line = UNPRINTABLE.matcher(reasoning).replaceAll(" ").strip();
    if (line.length() > MAX_REASON_CHARS) {
      int end = MAX_REASON_CHARS;
      if (Character.isHighSurrogate(line.charAt(end - 1))) end--;
      line = line.substring(0, end) + "…";
    }
    return line.isEmpty() ? "no reason given" : line;
  }
}
