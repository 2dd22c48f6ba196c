package dev.va.application.triage.eval;

import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.Triage;
import dev.va.domain.user.UserId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal splitter of raw RFC 822 files for the evaluation harness only: unfolds headers (decoding RFC 2047
 * encoded words), walks multipart bodies, decodes quoted-printable and base64 text parts in their charset, and
 * keeps text/plain parts (text/html, with tags stripped, when a message has no plain text). Attachments are
 * described by content type and name. Anything it cannot parse it keeps as raw text rather than guess.
 */
record RawEmail(Map<String, List<String>> headers, String body, List<EmailMessage.Attachment> attachments) {
  private static final Pattern PARAM = Pattern.compile(";\\s*([a-zA-Z*-]+)\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");
  private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=");
  private static final int MAX_DEPTH = 5;

  static RawEmail parse(byte[] raw) {
    Part part = part(new String(raw, StandardCharsets.ISO_8859_1), 0);
    Map<String, List<String>> decoded = new LinkedHashMap<>();
    part.headers.forEach((k, v) -> decoded.put(k, v.stream().map(RawEmail::decodeWords).toList()));
    return new RawEmail(decoded, String.join("\n", part.plain.isEmpty() ? part.html : part.plain),
        part.attachments);
  }

  /** The message as the mail adapter would store it (ids are random; received time is fixed). */
  EmailMessage toMessage() {
    Instant t = Instant.parse("2010-05-15T00:00:00Z");
    return new EmailMessage(EmailMessageId.random(), new EmailAccountId(UUID.randomUUID()),
        new UserId(UUID.randomUUID()), "eval-" + UUID.randomUUID(), null, first("message-id"), first("from"),
        all("to"), all("cc"), first("subject"), t, headers, body, attachments, body.length(), List.of(), List.of(),
        Triage.PENDING, t, t);
  }

  private String first(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private List<String> all(String name) {
    List<String> values = headers.get(name);
    return values == null ? List.of() : values;
  }

  /** A parsed MIME entity, with the text gathered from it and its children. */
  private static final class Part {
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final List<String> plain = new ArrayList<>();
    final List<String> html = new ArrayList<>();
    final List<EmailMessage.Attachment> attachments = new ArrayList<>();
  }

  private static Part part(String text, int depth) {
    Part part = new Part();
    String normalised = text.replace("\r\n", "\n");
    int split = normalised.indexOf("\n\n");
    String head = split < 0 ? normalised : normalised.substring(0, split);
    String body = split < 0 ? "" : normalised.substring(split + 2);
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : head.split("\n")) {
      if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
        value.append(' ').append(line.trim());
        continue;
      }
      if (name != null) part.headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().trim());
      int colon = line.indexOf(':');
      name = colon > 0 ? line.substring(0, colon).trim().toLowerCase(Locale.ROOT) : null;
      value = new StringBuilder(colon > 0 ? line.substring(colon + 1) : "");
    }
    if (name != null) part.headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().trim());

    String contentType = header(part, "content-type", "text/plain");
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    String boundary = param(contentType, "boundary");
    if (type.startsWith("multipart/") && boundary != null && depth < MAX_DEPTH) {
      for (String child : children(body, boundary)) {
        Part p = part(child, depth + 1);
        part.plain.addAll(p.plain);
        part.html.addAll(p.html);
        part.attachments.addAll(p.attachments);
      }
      return part;
    }
    String disposition = header(part, "content-disposition", "").toLowerCase(Locale.ROOT);
    String filename = param(header(part, "content-disposition", ""), "filename");
    if (filename == null) filename = param(contentType, "name");
    if (disposition.startsWith("attachment") || (filename != null && !type.startsWith("text/"))
        || !(type.startsWith("text/") || type.equals("message/rfc822"))) {
      part.attachments.add(new EmailMessage.Attachment(filename, type, body.length()));
      return part;
    }
    String decoded = decode(body, header(part, "content-transfer-encoding", "7bit"), param(contentType, "charset"));
    if (type.equals("text/html")) part.html.add(stripTags(decoded));
    else part.plain.add(decoded);
    return part;
  }

  private static List<String> children(String body, String boundary) {
    List<String> out = new ArrayList<>();
    String delimiter = "--" + boundary;
    StringBuilder current = null;
    for (String line : body.split("\n", -1)) {
      if (line.startsWith(delimiter)) {
        if (current != null) out.add(current.toString());
        if (line.startsWith(delimiter + "--")) return out;
        current = new StringBuilder();
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (current != null) out.add(current.toString());
    return out;
  }

  private static String header(Part part, String name, String fallback) {
    List<String> values = part.headers.get(name);
    return values == null || values.isEmpty() ? fallback : values.get(0);
  }

  private static String param(String headerValue, String name) {
    Matcher m = PARAM.matcher(headerValue);
    while (m.find()) {
      if (m.group(1).equalsIgnoreCase(name)) return m.group(3) != null ? m.group(3) : m.group(2);
    }
    return null;
  }

  /** Decodes a body held as ISO-8859-1 characters (one per byte) into text in its declared charset. */
  private static String decode(String body, String transferEncoding, String charsetName) {
    String encoding = transferEncoding.trim().toLowerCase(Locale.ROOT);
    byte[] bytes;
    if (encoding.equals("base64")) {
      try {
        bytes = Base64.getMimeDecoder().decode(body.replaceAll("[^A-Za-z0-9+/=]", ""));
      } catch (IllegalArgumentException e) {
        bytes = body.getBytes(StandardCharsets.ISO_8859_1);
      }
    } else if (encoding.equals("quoted-printable")) {
      bytes = quotedPrintable(body, false);
    } else {
      bytes = body.getBytes(StandardCharsets.ISO_8859_1);
    }
    return new String(bytes, charset(charsetName));
  }

  private static Charset charset(String name) {
    try {
      return name == null ? StandardCharsets.ISO_8859_1 : Charset.forName(name.trim());
    } catch (RuntimeException e) {
      return StandardCharsets.ISO_8859_1;
    }
  }

  private static byte[] quotedPrintable(String text, boolean underscoreIsSpace) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '=' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      } else if (c == '=' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
          && Character.digit(text.charAt(i + 2), 16) >= 0) {
        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (c == '_' && underscoreIsSpace) {
        out.write(' ');
      } else {
        out.write(c & 0xFF);
      }
    }
    return out.toByteArray();
  }

  private static String decodeWords(String value) {
    Matcher m = ENCODED_WORD.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      byte[] bytes;
      try {
        bytes = m.group(2).equalsIgnoreCase("b") ? Base64.getDecoder().decode(m.group(3))
            : quotedPrintable(m.group(3), true);
      } catch (IllegalArgumentException e) {
        bytes = m.group().getBytes(StandardCharsets.ISO_8859_1);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, charset(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String stripTags(String html) {
    return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
        .replaceAll("(?s)<[^>]*>", " ")
        .replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"");
  }
}
