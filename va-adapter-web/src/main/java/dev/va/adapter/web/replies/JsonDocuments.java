package dev.va.adapter.web.replies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.va.adapter.web.ApiJson;

/** Rule documents are JSON text in the model and JSON values in the API, so clients never decode a string twice. */
final class JsonDocuments {
  private static final ObjectMapper JSON = ApiJson.mapper();

  private JsonDocuments() {}

  /** The stored text as a JSON value; text that is not JSON (never stored) is shown as a string. */
  static JsonNode tree(String document) {
    try {
      return JSON.readTree(document);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(document);
    }
  }

  /** A request's document as compact JSON text for the rules engine to check; absent or JSON null gives null. */
  static String text(JsonNode document) {
    return document == null || document.isNull() ? null : document.toString();
  }
}
