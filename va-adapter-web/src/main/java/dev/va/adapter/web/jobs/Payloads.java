package dev.va.adapter.web.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.va.adapter.web.ApiJson;

/** Payloads are JSON text in the model and JSON values in the API, so clients never decode a string twice. */
final class Payloads {
  private static final ObjectMapper JSON = ApiJson.mapper();

  private Payloads() {}

  /** The stored text as a JSON value; text that is not JSON (va never stores such) is shown as a string. */
  static JsonNode tree(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(payload);
    }
  }

  /** A request's payload as compact JSON text, which the use cases check; absent or JSON null gives null. */
  static String text(JsonNode payload) {
    return payload == null || payload.isNull() ? null : payload.toString();
  }
}
