package dev.va.application.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.domain.shared.DomainValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPayloadTest {
  @ParameterizedTest
  @ValueSource(strings = {"{}", " { } ", "{\"a\":1}", "{\"a\":[1,-2.5e+3,0,0.1,true,false,null,\"x\"],\"b\":{}}",
      "{\"esc\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}", "{\"a\":{\"a\":{\"a\":[]}}}", "\n{\"ü\":\"€\"}\t"})
  void acceptsJsonObjects(String text) {
    assertThat(JsonPayload.requireObject(text, "payload")).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "1", "\"x\"", "null", "{", "{\"a\"}", "{\"a\":1,}", "{a:1}", "{\"a\":01}",
      "{\"a\":1.}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"line\nbreak\"}",
      "{} {}", "{\"a\":[1 2]}", "{'a':1}"})
  void rejectsAnythingElse(String text) {
    assertThatThrownBy(() -> JsonPayload.requireObject(text, "payload"))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("payload"));
  }

  @Test
  void blankIsAnEmptyObject() {
    assertThat(JsonPayload.requireObject(null, "payload")).isEqualTo("{}");
    assertThat(JsonPayload.requireObject("  ", "payload")).isEqualTo("{}");
  }

  @Test
  void limitsSizeInUtf8BytesAndDepth() {
    String justFits = "{\"t\":\"" + "x".repeat(JsonPayload.MAX_BYTES - 8) + "\"}";
    assertThat(JsonPayload.requireObject(justFits, "payload")).hasSize(JsonPayload.MAX_BYTES);
    String multiByte = "{\"t\":\"" + "é".repeat(JsonPayload.MAX_BYTES / 2) + "\"}";
    assertThatThrownBy(() -> JsonPayload.requireObject(multiByte, "payload")).hasMessageContaining("65536 bytes");
    String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
    assertThatThrownBy(() -> JsonPayload.requireObject(deep, "payload")).hasMessageContaining("nested deeper");
  }
}
