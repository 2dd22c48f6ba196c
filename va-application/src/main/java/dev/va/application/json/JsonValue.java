package dev.va.application.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A parsed JSON value. Objects keep the order of their members; numbers keep their exact decimal value. */
public sealed interface JsonValue
    permits JsonValue.JsonObject, JsonValue.JsonArray, JsonValue.JsonString, JsonValue.JsonNumber,
        JsonValue.JsonBool, JsonValue.JsonNull {

  /** The JSON type name, as used in error messages ("object", "array", "string", "number", "boolean", "null"). */
  String typeName();

  record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    public JsonObject {
      members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    public Optional<JsonValue> get(String key) {
      return Optional.ofNullable(members.get(key));
    }

    public boolean has(String key) {
      return members.containsKey(key);
    }

    @Override
    public String typeName() {
      return "object";
    }
  }

  record JsonArray(List<JsonValue> elements) implements JsonValue {
    public JsonArray {
      elements = List.copyOf(elements);
    }

    @Override
    public String typeName() {
      return "array";
    }
  }

  record JsonString(String value) implements JsonValue {
    public JsonString {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "string";
    }
  }

  record JsonNumber(BigDecimal value) implements JsonValue {
    public JsonNumber {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "number";
    }
  }

  record JsonBool(boolean value) implements JsonValue {
    @Override
    public String typeName() {
      return "boolean";
    }
  }

  /** The single JSON null. */
  enum JsonNull implements JsonValue {
    INSTANCE;

    @Override
    public String typeName() {
      return "null";
    }
  }

  static JsonString of(String value) {
    return new JsonString(value);
  }

  static JsonNumber of(long value) {
    return new JsonNumber(BigDecimal.valueOf(value));
  }

  static JsonNumber of(double value) {
    if (!Double.isFinite(value)) throw new IllegalArgumentException("JSON has no NaN or infinity");
    return new JsonNumber(BigDecimal.valueOf(value));
  }

  static JsonBool of(boolean value) {
    return new JsonBool(value);
  }
}
