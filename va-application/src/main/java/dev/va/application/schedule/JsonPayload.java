package dev.va.application.schedule;

import dev.va.domain.shared.DomainValidationException;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a job payload is a JSON object (RFC 8259 syntax, checked in full) of bounded size. va-application has
 * no JSON library, and the payload is handed to the job's handler as text, so this only validates: it builds
 * nothing.
 */
public final class JsonPayload {
  /** Most UTF-8 bytes a payload may have. */
  public static final int MAX_BYTES = 64 * 1024;
  /** Deeper nesting is refused, so a hostile payload cannot exhaust the stack. */
  static final int MAX_DEPTH = 64;

  private final String text;
  private final String field;
  private int pos;

  private JsonPayload(String text, String field) {
    this.text = text;
    this.field = field;
  }

  /** {@code payload} itself, or "{}" when it is null or blank; otherwise it must be a JSON object. */
  public static String requireObject(String payload, String field) {
    if (payload == null || payload.isBlank()) return "{}";
    if (payload.length() > MAX_BYTES || payload.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new DomainValidationException(field, field + " must be at most " + MAX_BYTES + " bytes");
    }
    JsonPayload parser = new JsonPayload(payload, field);
    parser.skipSpace();
    if (parser.peek() != '{') throw new DomainValidationException(field, field + " must be a JSON object");
    parser.value(0);
    parser.skipSpace();
    if (parser.pos != payload.length()) throw parser.error("unexpected text after the object");
    return payload;
  }

  private void value(int depth) {
    if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH + " levels");
    skipSpace();
    char c = peek();
    switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) number();
        else throw error(c == 0 ? "unexpected end" : "unexpected character '" + c + "'");
      }
    }
  }

  private void object(int depth) {
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') throw error("expected a member name in double quotes");
      string();
      skipSpace();
      expect(':');
      value(depth + 1);
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect('}');
        return;
      }
    }
  }

  private void array(int depth) {
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      return;
    }
    while (true) {
      value(depth + 1);
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect(']');
        return;
      }
    }
  }

  private void string() {
    pos++;
    while (true) {
      if (pos >= text.length()) throw error("unterminated string");
      char c = text.charAt(pos++);
      if (c == '"') return;
      if (c < 0x20) throw error("control character in a string");
      if (c == '\\') {
        char e = pos < text.length() ? text.charAt(pos++) : 0;
        if (e == 'u') {
          for (int i = 0; i < 4; i++) {
            if (pos >= text.length() || Character.digit(text.charAt(pos++), 16) < 0) throw error("bad \\u escape");
          }
        } else if ("\"\\/bfnrt".indexOf(e) < 0 || e == 0) {
          throw error("bad escape");
        }
      }
    }
  }

  private void number() {
    if (peek() == '-') pos++;
    if (peek() == '0') {
      pos++;
    } else {
      digits();
    }
    if (peek() == '.') {
      pos++;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') pos++;
      digits();
    }
  }

  private void digits() {
    int start = pos;
    while (peek() >= '0' && peek() <= '9') pos++;
    if (pos == start) throw error("malformed number");
  }

  private void literal(String word) {
    if (!text.startsWith(word, pos)) throw error("unexpected character '" + peek() + "'");
    pos += word.length();
  }

  private void expect(char c) {
    if (peek() != c) throw error("expected '" + c + "'");
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private DomainValidationException error(String what) {
    return new DomainValidationException(field, field + " is not valid JSON: " + what + " at offset " + pos);
  }
}
