package dev.va.adapter.mail.mime;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/** Content-Transfer-Encoding decoders that never fail: garbage is skipped or kept and reported. */
final class TransferDecoding {
  private static final byte[] BASE64 = new byte[256];

  static {
    Arrays.fill(BASE64, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) BASE64[alphabet.charAt(i)] = (byte) i;
    // the URL-safe alphabet shows up in the wild too
    BASE64['-'] = 62;
    BASE64['_'] = 63;
  }

  private TransferDecoding() {}

  /** The decoded bytes of {@code buf[off, off+len)} in {@code encoding} (null: identity). */
  static byte[] decode(String encoding, byte[] buf, int off, int len, Warnings warnings) {
    switch (normalize(encoding)) {
      case "base64":
        return base64(buf, off, len, warnings);
      case "quoted-printable":
        return quotedPrintable(buf, off, len, warnings);
      case "", "7bit", "8bit", "binary":
        return Arrays.copyOfRange(buf, off, off + len);
      default:
        warnings.add("unsupported Content-Transfer-Encoding '" + Charsets.shorten(encoding) + "'; content kept as is");
        return Arrays.copyOfRange(buf, off, off + len);
    }
  }

  /** The decoded length without decoding, for attachments whose content is not kept. */
  static long decodedSize(String encoding, byte[] buf, int off, int len) {
    switch (normalize(encoding)) {
      case "base64": {
        long chars = 0;
        for (int i = off, end = off + len; i < end; i++) {
          if (BASE64[buf[i] & 0xff] >= 0) chars++;
        }
        return chars / 4 * 3 + Math.max(0, chars % 4 - 1);
      }
      case "quoted-printable":
        return quotedPrintable(buf, off, len, new Warnings()).length;
      default:
        return len;
    }
  }

  static String normalize(String encoding) {
    return encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
  }

  static byte[] base64(byte[] buf, int off, int len, Warnings warnings) {
    byte[] out = new byte[len / 4 * 3 + 3];
    int n = 0;
    int quantum = 0;
    int bits = 0;
    boolean garbage = false;
    for (int i = off, end = off + len; i < end; i++) {
      int b = buf[i] & 0xff;
      int v = BASE64[b];
      if (v < 0) {
        if (b == '=') {
          bits = 0; // padding ends a quantum; concatenated blocks may follow
          quantum = 0;
        } else if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
          garbage = true;
        }
        continue;
      }
      quantum = quantum << 6 | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (byte) (quantum >> bits);
        quantum &= (1 << bits) - 1;
      }
    }
    if (garbage) warnings.add("base64 content holds characters outside the alphabet; they were skipped");
    return Arrays.copyOf(out, n);
  }

  static byte[] quotedPrintable(byte[] buf, int off, int len, Warnings warnings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(len);
    int end = off + len;
    boolean invalid = false;
    for (int i = off; i < end; i++) {
      int b = buf[i];
      if (b != '=') {
        out.write(b);
        continue;
      }
      int hi = i + 1 < end ? hex(buf[i + 1]) : -1;
      int lo = i + 2 < end ? hex(buf[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        out.write(hi << 4 | lo);
        i += 2;
        continue;
      }
      // soft line break, possibly after trailing white space
      int j = i + 1;
      while (j < end && (buf[j] == ' ' || buf[j] == '\t')) j++;
      if (j >= end) {
        i = j;
      } else if (buf[j] == '\n') {
        i = j;
      } else if (buf[j] == '\r') {
        i = j + 1 < end && buf[j + 1] == '\n' ? j + 1 : j;
      } else {
        invalid = true;
        out.write(b);
      }
    }
    if (invalid) warnings.add("quoted-printable content holds invalid escapes; they were kept as text");
    return out.toByteArray();
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') return b - '0';
    if (b >= 'A' && b <= 'F') return b - 'A' + 10;
    if (b >= 'a' && b <= 'f') return b - 'a' + 10;
    return -1;
  }
}
