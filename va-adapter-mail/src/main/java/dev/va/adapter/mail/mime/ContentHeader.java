package dev.va.adapter.mail.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Content-Type or Content-Disposition value with its parameters, parsed leniently: unquoted values with special
 * characters, RFC 2231 continuations and charsets, RFC 2047 words in names.
 */
record ContentHeader(String value, Map<String, String> params) {

  String param(String name) {
    return params.get(name);
  }

  static ContentHeader parse(String header, Warnings warnings) {
    if (header == null) return new ContentHeader("", Map.of());
    List<String> pieces = split(header);
    String value = pieces.get(0).trim().toLowerCase(Locale.ROOT);
    Map<String, String> plain = new LinkedHashMap<>();
    Map<String, TreeMap<Integer, String[]>> continued = new HashMap<>();
    for (int i = 1; i < pieces.size(); i++) {
      String piece = pieces.get(i).trim();
      int eq = piece.indexOf('=');
      if (eq <= 0) continue;
      String name = piece.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String raw = unquote(piece.substring(eq + 1).trim());
      boolean extended = name.endsWith("*");
      if (extended) name = name.substring(0, name.length() - 1);
      int section = name.lastIndexOf('*');
      if (section > 0 && isDigits(name.substring(section + 1))) {
        int index = Integer.parseInt(name.substring(section + 1));
        continued.computeIfAbsent(name.substring(0, section), k -> new TreeMap<>())
            .put(index, new String[] {raw, extended ? "*" : ""});
      } else if (extended) {
        continued.computeIfAbsent(name, k -> new TreeMap<>()).put(0, new String[] {raw, "*"});
      } else {
        plain.putIfAbsent(name, raw);
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : plain.entrySet()) {
      params.put(e.getKey(), EncodedWords.decode(e.getValue(), warnings));
    }
    // RFC 2231 values win over plain ones of the same name: they carry the real charset
    continued.forEach((name, sections) -> params.put(name, join(sections, warnings)));
    return new ContentHeader(value, Map.copyOf(params));
  }

  private static String join(TreeMap<Integer, String[]> sections, Warnings warnings) {
    String charset = null;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder text = new StringBuilder();
    boolean first = true;
    for (String[] section : sections.values()) {
      String raw = section[0];
      boolean encoded = !section[1].isEmpty();
      if (first && encoded) {
        int q1 = raw.indexOf('\'');
        int q2 = q1 < 0 ? -1 : raw.indexOf('\'', q1 + 1);
        if (q2 > 0) {
          charset = raw.substring(0, q1);
          raw = raw.substring(q2 + 1);
        }
      }
      first = false;
      if (encoded) {
        percentDecode(raw, bytes);
      } else {
        flush(bytes, charset, text, warnings);
        text.append(raw);
      }
    }
    flush(bytes, charset, text, warnings);
    return text.toString();
  }

  private static void flush(ByteArrayOutputStream bytes, String charset, StringBuilder text, Warnings warnings) {
    if (bytes.size() == 0) return;
    byte[] b = bytes.toByteArray();
    bytes.reset();
    text.append(Charsets.decode(b, 0, b.length, charset, warnings, "an RFC 2231 parameter"));
  }

  private static void percentDecode(String raw, ByteArrayOutputStream out) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()
          && Character.digit(raw.charAt(i + 1), 16) >= 0 && Character.digit(raw.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(raw.charAt(i + 1), 16) << 4 | Character.digit(raw.charAt(i + 2), 16));
        i += 2;
      } else if (c < 0x80) {
        out.write(c);
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
      }
    }
  }

  /** Splits on ';' outside quoted strings. */
  private static List<String> split(String header) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '\\' && quoted && i + 1 < header.length()) {
        current.append(c).append(header.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (c == ';' && !quoted) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    out.add(current.toString());
    return out;
  }

  private static String unquote(String v) {
    if (v.length() < 2 || v.charAt(0) != '"') return v;
    int end = v.lastIndexOf('"');
    String inner = end > 0 ? v.substring(1, end) : v.substring(1);
    if (inner.indexOf('\\') < 0) return inner;
    StringBuilder out = new StringBuilder(inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\' && i + 1 < inner.length()) c = inner.charAt(++i);
      out.append(c);
    }
    return out.toString();
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty() || s.length() > 4) return false;
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) return false;
    }
    return true;
  }
}
