package dev.va.application.json;

import dev.va.application.json.JsonValue.JsonArray;
import dev.va.application.json.JsonValue.JsonBool;
import dev.va.application.json.JsonValue.JsonNull;
import dev.va.application.json.JsonValue.JsonNumber;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader and a compact writer. Strict means: one value with only whitespace around it, no
 * comments, no trailing commas, no duplicate keys, no unescaped control characters, no lone surrogates in escapes.
 * Limits on size and nesting keep hostile input from exhausting memory or the stack.
 */
public final class Json {
  public static final int DEFAULT_MAX_LENGTH = 1 << 20;
  public static final int DEFAULT_MAX_DEPTH = 64;

  private final String text;
  private final int maxDepth;
  private int pos;

  private Json(String text, int maxDepth) {
    this.text = text;
    this.maxDepth = maxDepth;
  }

  public static JsonValue parse(String text) {
    return parse(text, DEFAULT_MAX_LENGTH, DEFAULT_MAX_DEPTH);
  }

  public static JsonValue parse(String text, int maxLength, int maxDepth) {
    if (text == null) throw new JsonParseException("no input", 1, 1);
    if (text.length() > maxLength) {
      throw new JsonParseException("input longer than " + maxLength + " characters", 1, 1);
    }
    Json parser = new Json(text, maxDepth);
    parser.skipWhitespace();
    JsonValue value = parser.readValue(0);
    parser.skipWhitespace();
    if (parser.pos < text.length()) throw parser.error("unexpected text after the value");
    return value;
  }

  private JsonValue readValue(int depth) {
    if (pos >= text.length()) throw error("unexpected end of input");
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> readObject(depth + 1);
      case '[' -> readArray(depth + 1);
      case '"' -> new JsonString(readString());
      case 't' -> literal("true", new JsonBool(true));
      case 'f' -> literal("false", new JsonBool(false));
      case 'n' -> literal("null", JsonNull.INSTANCE);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) yield readNumber();
        throw error("unexpected character " + describe(c));
      }
    };
  }

  private JsonObject readObject(int depth) {
    checkDepth(depth);
    pos++;
    Map<String, JsonValue> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return new JsonObject(members);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') throw error("expected a string key");
      int keyStart = pos;
      String key = readString();
      if (members.containsKey(key)) {
        pos = keyStart;
        throw error("duplicate key \"" + key + "\"");
      }
      skipWhitespace();
      expect(':');
      skipWhitespace();
      members.put(key, readValue(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') return new JsonObject(members);
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private JsonArray readArray(int depth) {
    checkDepth(depth);
    pos++;
    List<JsonValue> elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return new JsonArray(elements);
    }
    while (true) {
      skipWhitespace();
      elements.add(readValue(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') return new JsonArray(elements);
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String readString() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) throw error("unterminated string");
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c < 0x20) throw error("unescaped control character " + describe(c) + " in string");
      if (c != '\\') {
        out.append(c);
        pos++;
        continue;
      }
      pos++;
      if (pos >= text.length()) throw error("unterminated string");
      char e = text.charAt(pos);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          pos++;
          out.append(readUnicodeEscape());
          continue;
        }
        default -> throw error("invalid escape \\" + e);
      }
      pos++;
    }
  }

  /** Reads the hex digits after {@code \\u}, pairing a high surrogate with the low one that must follow. */
  private String readUnicodeEscape() {
    int escapeStart = pos - 2;
    char unit = hex4();
    if (Character.isLowSurrogate(unit)) {
      pos = escapeStart;
      throw error("lone low surrogate in \\u escape");
    }
    if (!Character.isHighSurrogate(unit)) return String.valueOf(unit);
    if (!text.startsWith("\\u", pos)) {
      pos = escapeStart;
      throw error("high surrogate not followed by a low surrogate");
    }
    pos += 2;
    char low = hex4();
    if (!Character.isLowSurrogate(low)) {
      pos = escapeStart;
      throw error("high surrogate not followed by a low surrogate");
    }
    return new String(new char[] {unit, low});
  }

  private char hex4() {
    if (pos + 4 > text.length()) throw error("truncated \\u escape");
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos), 16);
      if (digit < 0) throw error("invalid hex digit in \\u escape");
      value = value * 16 + digit;
      pos++;
    }
    return (char) value;
  }

  private JsonNumber readNumber() {
    int start = pos;
    if (peek() == '-') pos++;
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) throw error("leading zero in number");
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("expected a digit");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) throw error("expected a digit after '.'");
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') pos++;
      if (!isDigit(peek())) throw error("expected a digit in the exponent");
      digits();
    }
    try {
      return new JsonNumber(new BigDecimal(text.substring(start, pos)));
    } catch (NumberFormatException e) {
      // only an exponent beyond int range gets here
      pos = start;
      throw error("number out of range");
    }
  }

  private void digits() {
    while (isDigit(peek())) pos++;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private JsonValue literal(String word, JsonValue value) {
    if (!text.startsWith(word, pos)) throw error("unexpected character " + describe(text.charAt(pos)));
    pos += word.length();
    return value;
  }

  private void checkDepth(int depth) {
    if (depth > maxDepth) throw error("nesting deeper than " + maxDepth);
  }

  private void expect(char c) {
    if (peek() != c) throw error("expected '" + c + "'");
    pos++;
  }

  /** The current character, or NUL at the end (NUL never appears raw in valid JSON structure). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      pos++;
    }
  }

  private JsonParseException error(String reason) {
    if (pos >= text.length() && !reason.startsWith("unexpected end") && !reason.startsWith("unterminated")) {
      reason = "unexpected end of input (" + reason + ")";
    }
    int line = 1;
    int lineStart = 0;
    int end = Math.min(pos, text.length());
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new JsonParseException(reason, line, end - lineStart + 1);
  }

  private static String describe(char c) {
    return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
  }

  /** Compact JSON text; non-ASCII is written as is (the output is meant to be stored as UTF-8). */
  public static String write(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(JsonValue value, StringBuilder out) {
    if (value instanceof JsonObject o) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> member : o.members().entrySet()) {
        if (!first) out.append(',');
        first = false;
        quote(member.getKey(), out);
        out.append(':');
        write(member.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof JsonArray a) {
      out.append('[');
      for (int i = 0; i < a.elements().size(); i++) {
        if (i > 0) out.append(',');
        write(a.elements().get(i), out);
      }
      out.append(']');
    } else if (value instanceof JsonString s) {
      quote(s.value(), out);
    } else if (value instanceof JsonNumber n) {
      out.append(n.value().toString());
    } else if (value instanceof JsonBool b) {
      out.append(b.value());
    } else {
      out.append("null");
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
            // control characters, lone surrogates (UTF-8 cannot carry them) and JavaScript line separators
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
