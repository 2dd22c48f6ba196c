package dev.va.adapter.mail.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Charset lookup under the names mail really uses, and decoding that never fails. */
final class Charsets {
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  // MIME labels Java does not know, or knows under a narrower charset than the one senders mean
  private static final Map<String, String> ALIASES = Map.of(
      "ks_c_5601-1987", "x-windows-949",
      "iso-8859-8-i", "ISO-8859-8",
      "windows-874", "x-windows-874",
      "gb2312", "GBK",
      "x-gbk", "GBK",
      "iso-8859-1", "windows-1252",
      "latin1", "windows-1252",
      "x-sjis", "Shift_JIS",
      "cp-850", "IBM850");

  private static final Map<String, Optional<Charset>> CACHE = new ConcurrentHashMap<>();

  private Charsets() {}

  /** The charset a MIME label names, or empty when Java has none for it. */
  static Optional<Charset> lookup(String label) {
    String key = label.trim().toLowerCase(Locale.ROOT);
    if (key.length() > 2 && key.startsWith("\"") && key.endsWith("\"")) key = key.substring(1, key.length() - 1);
    return CACHE.computeIfAbsent(key, Charsets::find);
  }

  private static Optional<Charset> find(String key) {
    if (CACHE.size() > 1000) return Optional.empty(); // hostile input must not grow the cache forever
    try {
      return Optional.of(Charset.forName(ALIASES.getOrDefault(key, key)));
    } catch (IllegalArgumentException e) { // illegal or unsupported name
      return Optional.empty();
    }
  }

  /**
   * Decodes text declared as {@code label} (null: undeclared). Unknown charsets and bytes invalid in the declared
   * charset are decoded by guessing (UTF-8, else windows-1252) with a warning about {@code what}.
   */
  static String decode(byte[] bytes, int off, int len, String label, Warnings warnings, String what) {
    if (isAscii(bytes, off, len)) return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
    if (label == null || label.isBlank()) return guess(bytes, off, len);
    Optional<Charset> charset = lookup(label);
    if (charset.isEmpty()) {
      warnings.add("unknown charset '" + shorten(label) + "' in " + what + "; decoded by guessing");
      return guess(bytes, off, len);
    }
    Charset cs = charset.get();
    if (cs.equals(StandardCharsets.US_ASCII)) {
      warnings.add(what + " is declared us-ascii but holds 8-bit bytes; decoded by guessing");
      return guess(bytes, off, len);
    }
    try {
      return strict(cs, bytes, off, len);
    } catch (CharacterCodingException e) {
      warnings.add(what + " is not valid " + cs.name() + "; decoded leniently");
      if (cs.equals(StandardCharsets.UTF_8)) return guess(bytes, off, len);
      return new String(bytes, off, len, cs);
    } catch (UnsupportedOperationException e) { // charsets that cannot decode
      warnings.add("charset '" + shorten(label) + "' in " + what + " cannot decode; decoded by guessing");
      return guess(bytes, off, len);
    }
  }

  /** UTF-8 when the bytes are UTF-8 (or mostly so), else windows-1252, which maps every byte. */
  static String guess(byte[] bytes, int off, int len) {
    try {
      return strict(StandardCharsets.UTF_8, bytes, off, len);
    } catch (CharacterCodingException e) {
      return mostlyUtf8(bytes, off, len)
          ? new String(bytes, off, len, StandardCharsets.UTF_8)
          : new String(bytes, off, len, WINDOWS_1252);
    }
  }

  static String strict(Charset cs, byte[] bytes, int off, int len) throws CharacterCodingException {
    return cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, off, len))
        .toString();
  }

  static boolean isAsciiString(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7f) return false;
    }
    return true;
  }

  static boolean isAscii(byte[] bytes, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      if (bytes[i] < 0) return false;
    }
    return true;
  }

  /** True when well-formed multi-byte UTF-8 sequences outnumber stray 8-bit bytes: a mostly-UTF-8 text. */
  private static boolean mostlyUtf8(byte[] b, int off, int len) {
    int good = 0;
    int bad = 0;
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int follow = c > 0xf4 ? 0 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : 0;
      if (follow == 0 || i + follow >= end) {
        bad++;
        i++;
        continue;
      }
      boolean ok = true;
      for (int k = 1; k <= follow; k++) {
        if ((b[i + k] & 0xc0) != 0x80) {
          ok = false;
          break;
        }
      }
      if (ok) {
        good++;
        i += follow + 1;
      } else {
        bad++;
        i++;
      }
    }
    return good > bad;
  }

  static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
