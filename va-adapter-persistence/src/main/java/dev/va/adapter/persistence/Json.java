package dev.va.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.va.domain.mail.EmailMessage;
import java.util.List;
import java.util.Map;

/** The JSON text of jsonb columns holding lists and maps of the model. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {};
  private static final TypeReference<List<EmailMessage.Attachment>> ATTACHMENTS = new TypeReference<>() {};

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static List<String> strings(String json) {
    return read(json, STRINGS);
  }

  static Map<String, String> stringMap(String json) {
    return read(json, STRING_MAP);
  }

  static Map<String, List<String>> headers(String json) {
    return read(json, HEADERS);
  }

  static List<EmailMessage.Attachment> attachments(String json) {
    return read(json, ATTACHMENTS);
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not valid: " + e.getOriginalMessage(), e);
    }
  }
}
