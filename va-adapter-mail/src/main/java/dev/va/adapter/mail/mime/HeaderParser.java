package dev.va.adapter.mail.mime;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the header section of a message or body part from raw bytes. Lines may end in CRLF or LF; folded fields are
 * unfolded; 8-bit bytes are read as UTF-8, else ISO-8859-1. A line that is neither a field nor a continuation ends
 * the section (it starts the body), as does the end of the input.
 */
final class HeaderParser {
  record Section(List<HeaderField> fields, int bodyStart) {}

  private final MimeLimits limits;

  HeaderParser(MimeLimits limits) {
    this.limits = limits;
  }

  Section parse(byte[] buf, int start, int end, Warnings warnings, boolean topLevel) {
    List<HeaderField> fields = new ArrayList<>();
    int pos = start;
    if (topLevel && startsWith(buf, pos, end, "From ")) { // an mbox separator left in front of the message
      warnings.add("message starts with an mbox 'From ' line; it was skipped");
      pos = nextLine(buf, pos, end);
    }
    int fieldStart = -1;
    int fieldEnd = -1;
    long total = 0;
    boolean dropping = false;
    while (pos < end) {
      int lineEnd = lineEnd(buf, pos, end);
      int next = nextLine(buf, pos, end);
      if (lineEnd == pos) { // empty line: end of the header section
        add(buf, fieldStart, fieldEnd, fields, warnings);
        return new Section(fields, next);
      }
      byte first = buf[pos];
      if (first == ' ' || first == '\t') {
        if (fieldStart < 0) {
          warnings.add("header section starts with a continuation line; it was ignored");
        } else {
          fieldEnd = lineEnd;
        }
        pos = next;
        continue;
      }
      int colon = fieldName(buf, pos, lineEnd);
      if (colon < 0) {
        if (fields.isEmpty() && fieldStart < 0) {
          warnings.add("message has no header section");
        } else {
          warnings.add("header section is not ended by an empty line");
        }
        add(buf, fieldStart, fieldEnd, fields, warnings);
        return new Section(fields, pos);
      }
      if (!dropping) add(buf, fieldStart, fieldEnd, fields, warnings);
      total += lineEnd - pos;
      if (total > limits.maxHeaderBytes()) {
        if (!dropping) warnings.add("header section over " + limits.maxHeaderBytes() + " bytes; later fields dropped");
        dropping = true;
      }
      fieldStart = dropping ? -1 : pos;
      fieldEnd = lineEnd;
      pos = next;
    }
    add(buf, fieldStart, fieldEnd, fields, warnings);
    return new Section(fields, end);
  }

  /** Index of the colon ending a valid field name on this line, or -1. */
  private static int fieldName(byte[] buf, int pos, int lineEnd) {
    int i = pos;
    while (i < lineEnd && buf[i] > 32 && buf[i] < 127 && buf[i] != ':') i++;
    int nameEnd = i;
    while (i < lineEnd && (buf[i] == ' ' || buf[i] == '\t')) i++; // obsolete "Name : value"
    return nameEnd > pos && i < lineEnd && buf[i] == ':' ? i : -1;
  }

  private void add(byte[] buf, int start, int end, List<HeaderField> fields, Warnings warnings) {
    if (start < 0) return;
    int colon = fieldName(buf, start, end);
    int nameEnd = colon;
    while (buf[nameEnd - 1] == ' ' || buf[nameEnd - 1] == '\t') nameEnd--;
    String name = new String(buf, start, nameEnd - start, StandardCharsets.ISO_8859_1);
    int valueStart = colon + 1;
    int valueEnd = end;
    if (valueEnd - start > limits.maxHeaderFieldBytes()) {
      valueEnd = Math.max(valueStart, start + limits.maxHeaderFieldBytes());
      while (valueEnd > valueStart && (buf[valueEnd] & 0xc0) == 0x80) valueEnd--; // do not cut a UTF-8 character
      warnings.add("header '" + Charsets.shorten(name) + "' longer than " + limits.maxHeaderFieldBytes()
          + " bytes; it was cut");
    }
    fields.add(new HeaderField(name, unfold(decode(buf, valueStart, valueEnd, name, warnings))));
  }

  private static String decode(byte[] buf, int start, int end, String name, Warnings warnings) {
    int len = end - start;
    if (Charsets.isAscii(buf, start, len)) return new String(buf, start, len, StandardCharsets.ISO_8859_1);
    try {
      return Charsets.strict(StandardCharsets.UTF_8, buf, start, len);
    } catch (CharacterCodingException e) {
      warnings.add("header '" + Charsets.shorten(name) + "' holds 8-bit bytes that are not UTF-8; read as ISO-8859-1");
      return new String(buf, start, len, StandardCharsets.ISO_8859_1);
    }
  }

  /** Removes line breaks (keeping the white space that follows them) and the white space around the value. */
  private static String unfold(String raw) {
    if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) return raw.strip();
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\r' && c != '\n') out.append(c);
    }
    return out.toString().strip();
  }

  private static boolean startsWith(byte[] buf, int pos, int end, String prefix) {
    if (end - pos < prefix.length()) return false;
    for (int i = 0; i < prefix.length(); i++) {
      if (buf[pos + i] != prefix.charAt(i)) return false;
    }
    return true;
  }

  /** End of the line content at {@code pos}, before its CR LF or LF. */
  static int lineEnd(byte[] buf, int pos, int end) {
    int i = pos;
    while (i < end && buf[i] != '\n') i++;
    return i > pos && buf[i - 1] == '\r' ? i - 1 : i;
  }

  /** Start of the line after the one at {@code pos}. */
  static int nextLine(byte[] buf, int pos, int end) {
    int i = pos;
    while (i < end && buf[i] != '\n') i++;
    return Math.min(end, i + 1);
  }
}
