package dev.va.adapter.mail.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded-word decoding, lenient where mailers are sloppy: words inside other text, spaces inside Q words,
 * unknown charsets, bad base64. Adjacent words of one charset are joined as bytes before decoding, so a multi-byte
 * character split across two words survives. A word that cannot be decoded is kept as it stands.
 */
final class EncodedWords {
  private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,80})\\?([bBqQ])\\?([^?]*)\\?=");

  private static final Pattern WORD_START = Pattern.compile("=\\?[^?\\s]{1,80}\\?[bBqQ]\\?");

  private EncodedWords() {}

  static String decode(String text, Warnings warnings) {
    if (text == null || text.indexOf("=?") < 0) return text;
    Matcher m = WORD.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    boolean afterWord = false;
    String pendingCharset = null;
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    while (m.find()) {
      String gap = text.substring(last, m.start());
      // white space between two encoded words is not part of the text
      boolean joined = afterWord && gap.isBlank();
      String charset = m.group(1);
      int star = charset.indexOf('*'); // RFC 2231 language suffix
      if (star >= 0) charset = charset.substring(0, star);
      if (!(joined && pendingCharset.equalsIgnoreCase(charset))) {
        flush(out, pending, pendingCharset, warnings);
        if (!joined) out.append(gap);
      }
      byte[] bytes = m.group(2).equalsIgnoreCase("B") ? bWord(m.group(3), warnings) : qWord(m.group(3));
      pending.write(bytes, 0, bytes.length);
      pendingCharset = charset;
      last = m.end();
      afterWord = true;
    }
    flush(out, pending, pendingCharset, warnings);
    out.append(text, last, text.length());
    if (out.indexOf("=?") >= 0 && WORD_START.matcher(out).find()) {
      warnings.add("malformed RFC 2047 encoded word kept as text: " + Charsets.shorten(out.toString()));
    }
    return out.toString();
  }

  private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset, Warnings warnings) {
    if (charset == null) return;
    byte[] bytes = pending.toByteArray();
    pending.reset();
    out.append(Charsets.decode(bytes, 0, bytes.length, charset, warnings, "an encoded header word"));
  }

  private static byte[] bWord(String word, Warnings warnings) {
    byte[] raw = ascii(word);
    return TransferDecoding.base64(raw, 0, raw.length, warnings);
  }

  private static byte[] qWord(String word) {
    byte[] raw = ascii(word.replace('_', ' '));
    return TransferDecoding.quotedPrintable(raw, 0, raw.length, new Warnings());
  }

  private static byte[] ascii(String s) {
    // the text came from decoded header bytes; anything non-ASCII is re-encoded as UTF-8 rather than lost
    return s.getBytes(Charsets.isAsciiString(s) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }
}
