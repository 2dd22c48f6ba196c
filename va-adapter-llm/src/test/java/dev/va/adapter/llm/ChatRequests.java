package dev.va.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.json.Json;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonArray;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import java.util.List;

/** Reads the chat requests {@link FakeOpenAi} recorded, as the tests of every use of the model check them. */
final class ChatRequests {
  /** Loading the encoding takes a moment; one counter serves every test. */
  static final TokenCounter TOKENS = new TokenCounter(LlmSettings.DEFAULT_MODEL);

  private ChatRequests() {}

  static JsonObject obj(JsonValue value) {
    return (JsonObject) value;
  }

  static String str(JsonObject o, String key) {
    return ((JsonString) o.get(key).orElseThrow()).value();
  }

  static List<JsonObject> messages(FakeOpenAi.Request request) {
    return ((JsonArray) request.json().get("messages").orElseThrow()).elements().stream().map(m -> (JsonObject) m)
        .toList();
  }

  /** The email object between the delimiters of the user message, and the text around them. */
  record Delimited(String before, JsonObject email, String after) {}

  /** The one delimited email block of a user message. */
  static Delimited delimited(String user) {
    int open = user.indexOf(PromptBuilder.OPEN);
    int close = user.indexOf(PromptBuilder.CLOSE);
    assertThat(open).isNotNegative();
    assertThat(close).isGreaterThan(open);
    assertThat(user.indexOf(PromptBuilder.OPEN, open + 1)).isNegative();
    assertThat(user.indexOf(PromptBuilder.CLOSE, close + 1)).isNegative();
    String json = user.substring(open + PromptBuilder.OPEN.length(), close).strip();
    return new Delimited(user.substring(0, open), obj(Json.parse(json)),
        user.substring(close + PromptBuilder.CLOSE.length()));
  }

  /** Input tokens of a request as the API counts them: content tokens plus the chat format's per-message cost. */
  static int inputTokens(FakeOpenAi.Request request) {
    int total = 3;
    for (JsonObject m : messages(request)) total += 4 + TOKENS.count(str(m, "content"));
    return total;
  }

  /**
   * Input tokens of the instructions and the email (the first and the last message) as the API counts them; a
   * message between them listing the user's categories has a budget of its own.
   */
  static int emailTokens(FakeOpenAi.Request request) {
    List<JsonObject> messages = messages(request);
    int total = 3;
    for (JsonObject m : List.of(messages.get(0), messages.get(messages.size() - 1))) {
      total += 4 + TOKENS.count(str(m, "content"));
    }
    return total;
  }
}
