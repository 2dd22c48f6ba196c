package dev.va.application.triage;

import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.Triage;
import dev.va.domain.user.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds an {@link EmailMessage} from raw RFC 822 text the way the mail adapter stores one: header names
 * lower-cased, folded lines joined, the body kept as text. Enough for fixtures written for these tests; it does
 * no MIME decoding.
 */
public final class TestMessages {
  public static final UserId USER = new UserId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
  public static final EmailAccountId ACCOUNT =
      new EmailAccountId(UUID.fromString("00000000-0000-0000-0000-000000000002"));
  public static final Instant DEFAULT_RECEIVED = Instant.parse("2025-03-04T10:15:30Z");

  private TestMessages() {}

  /**
   * Reads a fixture from {@code src/test/resources/mail/}, replacing each {@code {placeholder}} given as
   * placeholder/value pairs.
   */
  public static EmailMessage resource(String name, String... substitutions) {
    try (InputStream in = TestMessages.class.getResourceAsStream("/mail/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture mail/" + name);
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (int i = 0; i + 1 < substitutions.length; i += 2) {
        raw = raw.replace("{" + substitutions[i] + "}", substitutions[i + 1]);
      }
      return parse(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EmailMessage parse(String raw) {
    String text = raw.replace("\r\n", "\n");
    int split = text.indexOf("\n\n");
    String head = split < 0 ? text : text.substring(0, split);
    String body = split < 0 ? "" : text.substring(split + 2);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : head.split("\n")) {
      if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
        value.append(' ').append(line.trim());
        continue;
      }
      if (name != null) headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().trim());
      int colon = line.indexOf(':');
      if (colon <= 0) {
        name = null;
        continue;
      }
      name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      value = new StringBuilder(line.substring(colon + 1));
    }
    if (name != null) headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().trim());
    Instant received = headers.containsKey("date")
        ? ZonedDateTime.parse(headers.get("date").get(0), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
        : DEFAULT_RECEIVED;
    String messageId = first(headers, "message-id");
    List<EmailMessage.Attachment> attachments = new ArrayList<>();
    return new EmailMessage(EmailMessageId.random(), ACCOUNT, USER, messageId == null ? "p-" + UUID.randomUUID()
        : messageId, null, messageId, first(headers, "from"), list(headers, "to"), list(headers, "cc"),
        first(headers, "subject"), received, headers, body, attachments, raw.getBytes(StandardCharsets.UTF_8).length,
        List.of(), List.of(), Triage.PENDING, received, received);
  }

  /** The same message with attachments described. */
  public static EmailMessage withAttachments(EmailMessage m, List<EmailMessage.Attachment> attachments) {
    return new EmailMessage(m.id(), m.accountId(), m.userId(), m.providerMessageId(), m.threadId(),
        m.messageIdHeader(), m.from(), m.to(), m.cc(), m.subject(), m.receivedAt(), m.headers(), m.bodyText(),
        attachments, m.sizeBytes(), m.labels(), m.parseWarnings(), m.triage(), m.createdAt(), m.updatedAt());
  }

  /** The same message with another subject, which may hold characters no parsed header could. */
  public static EmailMessage withSubject(EmailMessage m, String subject) {
    return new EmailMessage(m.id(), m.accountId(), m.userId(), m.providerMessageId(), m.threadId(),
        m.messageIdHeader(), m.from(), m.to(), m.cc(), subject, m.receivedAt(), m.headers(), m.bodyText(),
        m.attachments(), m.sizeBytes(), m.labels(), m.parseWarnings(), m.triage(), m.createdAt(), m.updatedAt());
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null ? null : values.get(0);
  }

  private static List<String> list(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null ? List.of() : values;
  }
}
