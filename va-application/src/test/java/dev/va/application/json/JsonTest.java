package dev.va.application.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.json.JsonValue.JsonArray;
import dev.va.application.json.JsonValue.JsonBool;
import dev.va.application.json.JsonValue.JsonNull;
import dev.va.application.json.JsonValue.JsonNumber;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void parsesEveryKindOfValueAndKeepsMemberOrder() {
    JsonValue value = Json.parse(" {\"z\": 1, \"a\": [true, false, null], \"m\": {\"s\": \"x\"}} ");
    JsonObject object = (JsonObject) value;
    assertThat(object.members().keySet()).containsExactly("z", "a", "m");
    assertThat(object.get("z")).contains(new JsonNumber(new BigDecimal("1")));
    assertThat(object.get("a")).contains(new JsonArray(List.of(new JsonBool(true), new JsonBool(false),
        JsonNull.INSTANCE)));
    assertThat(((JsonObject) object.members().get("m")).get("s")).contains(new JsonString("x"));
  }

  @Test
  void decodesEscapesAndSurrogatePairs() {
    JsonString s = (JsonString) Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"");
    assertThat(s.value()).isEqualTo("a\"b\\c/d\b\f\n\r\té\uD83D\uDE00");
  }

  @Test
  void keepsNumbersExact() {
    assertThat(((JsonNumber) Json.parse("-0")).value()).isEqualByComparingTo("0");
    assertThat(((JsonNumber) Json.parse("0.1")).value()).isEqualTo(new BigDecimal("0.1"));
    assertThat(((JsonNumber) Json.parse("12345678901234567890123")).value())
        .isEqualTo(new BigDecimal("12345678901234567890123"));
    assertThat(((JsonNumber) Json.parse("1.5E+3")).value()).isEqualByComparingTo("1500");
    assertThat(((JsonNumber) Json.parse("2e-2")).value()).isEqualByComparingTo("0.02");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "01", "-", "1.", ".5", "+1", "1e", "1e+", "0x10", "NaN", "Infinity", "tru", "nul", "[1,]", "[,1]",
      "{\"a\":1,}", "{a:1}", "{'a':1}", "\"unterminated", "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"",
      "\"\\ude00\"", "\"\\ud83d\\u0041\"", "[1] x", "{} {}", "1 2", "// c\n1", "[1 2]", "{\"a\" 1}", "1e99999999999"})
  void rejectsInvalidText(String text) {
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonParseException.class);
  }

  @Test
  void rejectsDuplicateKeysWithThePositionOfTheSecond() {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1,\n  \"a\": 2}"))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("duplicate key \"a\"")
        .satisfies(e -> {
          JsonParseException p = (JsonParseException) e;
          assertThat(p.line()).isEqualTo(2);
          assertThat(p.column()).isEqualTo(3);
        });
  }

  @Test
  void reportsLineAndColumnOfTheError() {
    JsonParseException e = catchParse("{\n  \"a\": [1,\n   2,, 3]}");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(6);
    assertThat(e.getMessage()).contains("line 3, column 6");
  }

  @Test
  void enforcesDepthAndSizeLimits() {
    String deep = "[".repeat(65) + "]".repeat(65);
    assertThat(catchParse(deep).getMessage()).contains("nesting deeper than 64");
    assertThat(Json.parse("[".repeat(64) + "]".repeat(64))).isInstanceOf(JsonArray.class);
    assertThatThrownBy(() -> Json.parse("\"" + "x".repeat(20) + "\"", 10, 8))
        .hasMessageContaining("longer than 10");
    // far deeper than the stack could take without the limit
    assertThat(catchParse("[".repeat(100_000)).getMessage()).contains("nesting deeper");
  }

  @Test
  void writesCompactTextThatParsesBackToTheSameValue() {
    JsonObject value = new JsonObject(Map.of("k", new JsonArray(List.of(
        JsonValue.of("q\"\\\n\u0001é\uD83D\uDE00\u2028"), JsonValue.of(3), JsonValue.of(0.25), JsonValue.of(true),
        JsonNull.INSTANCE, new JsonObject(Map.of())))));
    String text = Json.write(value);
    assertThat(text).isEqualTo("{\"k\":[\"q\\\"\\\\\\n\\u0001é\uD83D\uDE00\\u2028\",3,0.25,true,null,{}]}");
    assertThat(Json.parse(text)).isEqualTo(value);
  }

  @Test
  void escapesLoneSurrogatesWhenWriting() {
    assertThat(Json.write(JsonValue.of("a\uD800b"))).isEqualTo("\"a\\ud800b\"");
  }

  private static JsonParseException catchParse(String text) {
    try {
      Json.parse(text);
    } catch (JsonParseException e) {
      return e;
    }
    throw new AssertionError("expected a parse error for " + text);
  }
}
