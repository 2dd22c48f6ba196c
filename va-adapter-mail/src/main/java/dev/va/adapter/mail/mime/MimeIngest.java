package dev.va.adapter.mail.mime;

import dev.va.domain.mail.EmailMessage.Attachment;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses raw RFC 822 messages into {@link ParsedMessage}s. Parsing never throws: a malformed message yields what
 * could be read plus warnings. The walker is a tolerant one written for this: it bounds nesting, part count, header
 * and message size, and reads structure Jakarta Mail's strict parser rejects (missing or misplaced boundaries, bad
 * encodings). Jakarta Mail is used for addresses and dates. Thread safe and cheap per message: one instance serves
 * all.
 */
public final class MimeIngest {
  /** At most this many body parts are read from one message. */
  static final int MAX_PARTS = 10_000;
  /** Bytes of an oversize message that are kept, for its header section. */
  public static final int OVERSIZE_PREFIX_BYTES = 512 * 1024;

  private final MimeLimits limits;
  private final HeaderParser headerParser;

  public MimeIngest(MimeLimits limits) {
    this.limits = limits;
    this.headerParser = new HeaderParser(limits);
  }

  public MimeLimits limits() {
    return limits;
  }

  public ParsedMessage parse(byte[] raw) {
    return parse(raw, raw.length);
  }

  /**
   * Parses {@code raw}, which may be only the start of a message of {@code sizeBytes} bytes: a message over the size
   * limit is read for its headers only.
   */
  public ParsedMessage parse(byte[] raw, long sizeBytes) {
    Warnings warnings = new Warnings();
    List<HeaderField> fields = List.of();
    Body body = new Body();
    try {
      HeaderParser.Section top = headerParser.parse(raw, 0, raw.length, warnings, true);
      fields = top.fields();
      long size = Math.max(sizeBytes, raw.length);
      if (size > limits.maxMessageBytes()) {
        warnings.add("message of " + size + " bytes is over the limit of " + limits.maxMessageBytes()
            + " bytes; only its headers were read");
      } else {
        new Walk(warnings).part(raw, fields, top.bodyStart(), raw.length, 0, false, body);
      }
    } catch (RuntimeException | StackOverflowError e) { // last line of defence: keep what was read
      warnings.add("parser failure (" + e.getClass().getSimpleName() + "); the message was kept partly parsed");
    }
    return assemble(fields, body, Math.max(sizeBytes, raw.length), warnings);
  }

  /**
   * Parses a Jakarta Mail message (typically an IMAP one: its raw bytes are fetched as they are on the server). An
   * oversize message is not downloaded: its header lines are read instead.
   *
   * @throws MessagingException when the message cannot be fetched (a connection problem, not a parse problem)
   */
  public ParsedMessage parse(Message message) throws MessagingException {
    int size = message.getSize();
    if (size > limits.maxMessageBytes()) {
      // header lines come back as ISO-8859-1 chars, one per raw byte
      return parse(headerBytes(message), size);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size > 0 ? size : 8192);
    try {
      message.writeTo(new LimitedOutputStream(out, limits.maxMessageBytes() + 1));
    } catch (LimitedOutputStream.LimitReached e) {
      return parse(out.toByteArray(), Math.max(size, limits.maxMessageBytes() + 1));
    } catch (IOException e) {
      throw new MessagingException("cannot read message content: " + e.getMessage(), e);
    }
    return parse(out.toByteArray());
  }

  private static byte[] headerBytes(Message message) throws MessagingException {
    StringBuilder header = new StringBuilder();
    if (message instanceof MimePart part) {
      Enumeration<String> lines = part.getAllHeaderLines();
      while (lines.hasMoreElements()) header.append(lines.nextElement()).append("\r\n");
    } else {
      Enumeration<Header> all = message.getAllHeaders();
      while (all.hasMoreElements()) {
        Header h = all.nextElement();
        header.append(h.getName()).append(": ").append(h.getValue()).append("\r\n");
      }
    }
    return header.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private ParsedMessage assemble(List<HeaderField> fields, Body body, long size, Warnings warnings) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Map<String, String> firstRaw = new LinkedHashMap<>();
    for (HeaderField field : fields) {
      String name = field.name().toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(clean(EncodedWords.decode(field.value(), warnings)));
      firstRaw.putIfAbsent(name, field.value());
    }
    List<String> from = Addresses.parse(firstRaw.get("from"), "from", warnings);
    if (from.isEmpty()) {
      List<String> sender = Addresses.parse(firstRaw.get("sender"), "sender", warnings);
      if (firstRaw.containsKey("from") || sender.isEmpty()) warnings.add("message has no readable From address");
      from = sender;
    }
    String dateValue = firstRaw.get("date");
    Instant date = MailDates.parse(dateValue);
    if (dateValue == null) {
      warnings.add("message has no Date header");
    } else if (date == null) {
      warnings.add("unreadable Date header: " + Charsets.shorten(dateValue));
    }
    List<String> ids = Addresses.messageIds(firstRaw.get("message-id"));
    List<String> replyTo = Addresses.messageIds(firstRaw.get("in-reply-to"));
    List<String> subject = headers.get("subject");
    return new ParsedMessage(
        ids.isEmpty() ? null : clean(ids.get(0)),
        replyTo.isEmpty() ? null : clean(replyTo.get(0)),
        cleanAll(Addresses.messageIds(firstRaw.get("references"))),
        from.isEmpty() ? null : clean(from.get(0)),
        cleanAll(Addresses.parse(firstRaw.get("reply-to"), "reply-to", warnings)),
        cleanAll(addresses(fields, "to", warnings)),
        cleanAll(addresses(fields, "cc", warnings)),
        subject == null ? null : subject.get(0),
        date,
        headers,
        body.text(),
        body.attachments,
        size,
        warnings.list());
  }

  private static List<String> cleanAll(List<String> values) {
    return values.stream().map(MimeIngest::clean).toList();
  }

  /** All mailboxes of every occurrence of an address header (some mailers repeat To or Cc). */
  private static List<String> addresses(List<HeaderField> fields, String name, Warnings warnings) {
    List<String> out = new ArrayList<>();
    for (HeaderField field : fields) {
      if (field.name().equalsIgnoreCase(name)) out.addAll(Addresses.parse(field.value(), name, warnings));
    }
    return out;
  }

  /** PostgreSQL text cannot hold NUL; nothing readable is lost by dropping it. */
  static String clean(String text) {
    return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "");
  }

  /** Text segments and attachments collected from a part and its children. */
  static final class Body {
    final List<String> plain = new ArrayList<>();
    final List<Boolean> html = new ArrayList<>();
    final List<Attachment> attachments = new ArrayList<>();

    void text(String text, boolean fromHtml) {
      String normalized = clean(text.replace("\r\n", "\n").replace('\r', '\n')).strip();
      if (normalized.isEmpty()) return;
      plain.add(normalized);
      html.add(fromHtml);
    }

    boolean hasPlain() {
      return html.contains(Boolean.FALSE);
    }

    boolean hasText() {
      return !plain.isEmpty();
    }

    void addAll(Body other) {
      plain.addAll(other.plain);
      html.addAll(other.html);
      attachments.addAll(other.attachments);
    }

    String text() {
      return String.join("\n\n", plain);
    }
  }

  /** One walk over one message: its warnings and part count. */
  private final class Walk {
    private final Warnings warnings;
    private int parts;

    Walk(Warnings warnings) {
      this.warnings = warnings;
    }

    void part(byte[] buf, List<HeaderField> fields, int bodyStart, int end, int depth, boolean inDigest, Body out) {
      if (depth > limits.maxDepth()) {
        warnings.add("MIME nesting deeper than " + limits.maxDepth() + " levels; deeper parts were skipped");
        return;
      }
      if (++parts > MAX_PARTS) {
        warnings.add("more than " + MAX_PARTS + " body parts; the rest were skipped");
        return;
      }
      ContentHeader type = contentType(first(fields, "content-type"), inDigest);
      ContentHeader disposition = ContentHeader.parse(first(fields, "content-disposition"), warnings);
      String encoding = first(fields, "content-transfer-encoding");
      boolean attachment = disposition.value().equals("attachment");
      String mime = type.value();
      if (mime.startsWith("multipart/")) {
        multipart(buf, type, bodyStart, end, depth, out);
      } else if (mime.equals("message/rfc822") || mime.equals("message/global")) {
        message(buf, encoding, attachment, disposition, bodyStart, end, depth, out);
      } else if ((mime.equals("text/plain") || mime.equals("text/html")) && !attachment) {
        byte[] bytes = TransferDecoding.decode(encoding, buf, bodyStart, end - bodyStart, warnings);
        String text = Charsets.decode(bytes, 0, bytes.length, type.param("charset"), warnings, mime + " body");
        if (mime.equals("text/html")) {
          out.text(html(text), true);
        } else {
          out.text(text, false);
        }
      } else {
        String name = disposition.param("filename");
        if (name == null) name = type.param("name");
        out.attachments.add(new Attachment(clean(name), mime,
            TransferDecoding.decodedSize(encoding, buf, bodyStart, end - bodyStart)));
      }
    }

    private ContentHeader contentType(String value, boolean inDigest) {
      if (value == null) return new ContentHeader(inDigest ? "message/rfc822" : "text/plain", Map.of());
      ContentHeader type = ContentHeader.parse(value, warnings);
      int slash = type.value().indexOf('/');
      if (slash <= 0 || slash == type.value().length() - 1 || type.value().indexOf(' ') >= 0) {
        warnings.add("invalid Content-Type '" + Charsets.shorten(value) + "'; read as text/plain");
        return new ContentHeader("text/plain", type.params());
      }
      return type;
    }

    private String html(String html) {
      try {
        return HtmlText.toText(html);
      } catch (RuntimeException | StackOverflowError e) {
        warnings.add("HTML body could not be converted (" + e.getClass().getSimpleName() + "); tags were stripped");
        return html.replaceAll("(?s)<[^>]*>", " ");
      }
    }

    private void multipart(byte[] buf, ContentHeader type, int bodyStart, int end, int depth, Body out) {
      String boundary = type.param("boundary");
      List<int[]> ranges = boundary == null || boundary.isEmpty() ? List.of() : Multipart.split(buf, bodyStart, end,
          boundary, warnings);
      if (ranges.isEmpty()) {
        String guessed = Multipart.guessBoundary(buf, bodyStart, end);
        if (guessed != null && !guessed.equals(boundary)) {
          warnings.add(boundary == null || boundary.isEmpty()
              ? type.value() + " has no boundary parameter; the boundary was taken from the body"
              : type.value() + " boundary does not occur in the body; the one found there was used");
          ranges = Multipart.split(buf, bodyStart, end, guessed, warnings);
        }
      }
      if (ranges.isEmpty()) {
        warnings.add(type.value() + " has no parts delimited by its boundary; the content was read as text");
        out.text(Charsets.decode(buf, bodyStart, end - bodyStart, null, warnings, "multipart body"), false);
        return;
      }
      boolean digest = type.value().equals("multipart/digest");
      if (!type.value().equals("multipart/alternative")) {
        for (int[] range : ranges) child(buf, range, depth, digest, out);
        return;
      }
      List<Body> alternatives = new ArrayList<>();
      for (int[] range : ranges) {
        Body alternative = new Body();
        child(buf, range, depth, false, alternative);
        alternatives.add(alternative);
      }
      out.addAll(best(alternatives));
    }

    /** Plain text is preferred (the first alternative that has it); else the richest (last) one with text. */
    private Body best(List<Body> alternatives) {
      for (Body alternative : alternatives) {
        if (alternative.hasPlain()) return alternative;
      }
      for (int i = alternatives.size() - 1; i >= 0; i--) {
        if (alternatives.get(i).hasText()) return alternatives.get(i);
      }
      return alternatives.get(alternatives.size() - 1);
    }

    private void child(byte[] buf, int[] range, int depth, boolean inDigest, Body out) {
      HeaderParser.Section section = headerParser.parse(buf, range[0], range[1], warnings, false);
      part(buf, section.fields(), section.bodyStart(), range[1], depth + 1, inDigest, out);
    }

    private void message(byte[] buf, String encoding, boolean attachment,
        ContentHeader disposition, int bodyStart, int end, int depth, Body out) {
      byte[] inner = TransferDecoding.decode(encoding, buf, bodyStart, end - bodyStart, warnings);
      HeaderParser.Section section = headerParser.parse(inner, 0, inner.length, warnings, false);
      if (attachment) {
        String name = disposition.param("filename");
        if (name == null) {
          String subject = first(section.fields(), "subject");
          name = (subject == null || subject.isBlank() ? "message" : EncodedWords.decode(subject, warnings)) + ".eml";
        }
        out.attachments.add(new Attachment(clean(name), "message/rfc822", inner.length));
        return;
      }
      Body nested = new Body();
      part(inner, section.fields(), section.bodyStart(), inner.length, depth + 1, false, nested);
      StringBuilder intro = new StringBuilder("---------- Forwarded message ----------");
      for (String name : List.of("From", "Date", "Subject", "To")) {
        String value = first(section.fields(), name);
        if (value != null) intro.append('\n').append(name).append(": ").append(EncodedWords.decode(value, warnings));
      }
      out.text(intro.toString(), false);
      out.addAll(nested);
    }
  }

  private static String first(List<HeaderField> fields, String name) {
    for (HeaderField field : fields) {
      if (field.name().equalsIgnoreCase(name)) return field.value();
    }
    return null;
  }
}
