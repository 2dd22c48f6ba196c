package dev.va.adapter.mail.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Labels as IMAP keywords. A keyword is an ASCII atom, so a label is encoded reversibly: bytes outside a safe set
 * become {@code &XX} (hex). {@code va/needs_reply} stays as it is; {@code Needs Reply} is {@code Needs&20Reply}.
 */
final class Keywords {
  private Keywords() {}

  static String encode(String label) {
    StringBuilder out = new StringBuilder();
    for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (safe(c)) {
        out.append((char) c);
      } else {
        out.append('&').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  static String decode(String keyword) {
    if (keyword.indexOf('&') < 0) return keyword;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < keyword.length(); i++) {
      char c = keyword.charAt(i);
      if (c == '&' && i + 2 < keyword.length() && Character.digit(keyword.charAt(i + 1), 16) >= 0
          && Character.digit(keyword.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(keyword.charAt(i + 1), 16) << 4 | Character.digit(keyword.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean safe(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "$-_./+:!#'=?@^`|~".indexOf(c) >= 0;
  }
}
