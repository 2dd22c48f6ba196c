package dev.va.domain.reply;

import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply text a user wrote: an optional subject (null: "Re: " and the subject answered) and a plain-text body, both
 * with the placeholders of {@link #PLACEHOLDERS} written {@code {{name}}}. Rules may only auto-reply with an
 * approved template; any edit withdraws the approval, and each change bumps {@code version}.
 */
public record ReplyTemplate(
    ReplyTemplateId id,
    UserId userId,
    String name,
    String subject,
    String body,
    int version,
    Instant approvedAt,
    Instant createdAt,
    Instant updatedAt) {

  public static final int MAX_NAME = 200;
  public static final int MAX_SUBJECT = 300;
  public static final int MAX_BODY = 10_000;
  /** The sender's display name (else the part of the address before @), address, and the subject answered. */
  public static final Set<String> PLACEHOLDERS = Set.of("sender_name", "sender_email", "subject");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

  public ReplyTemplate {
    Require.nonNull(id, "id");
    Require.nonNull(userId, "user_id");
    Require.notBlank(name, "name");
    Require.maxLength(name, MAX_NAME, "name");
    if (subject != null) {
      Require.notBlank(subject, "subject");
      Require.maxLength(subject, MAX_SUBJECT, "subject");
      Require.that(subject.indexOf('\r') < 0 && subject.indexOf('\n') < 0, "subject", "subject must be one line");
      requireKnownPlaceholders(subject, "subject");
    }
    Require.notBlank(body, "body");
    Require.maxLength(body, MAX_BODY, "body");
    requireKnownPlaceholders(body, "body");
    Require.that(version >= 1, "version", "version starts at 1");
    Require.nonNull(createdAt, "created_at");
    Require.nonNull(updatedAt, "updated_at");
  }

  public static ReplyTemplate create(UserId owner, String name, String subject, String body, Instant now) {
    return new ReplyTemplate(ReplyTemplateId.random(), owner, name, subject, body, 1, null, now, now);
  }

  public boolean approved() {
    return approvedAt != null;
  }

  /** The next version with new text; it needs approval again. */
  public ReplyTemplate edit(String newName, String newSubject, String newBody, Instant now) {
    return new ReplyTemplate(id, userId, newName, newSubject, newBody, version + 1, null, createdAt, now);
  }

  /** The next version, approved as it reads now. */
  public ReplyTemplate approve(Instant now) {
    return new ReplyTemplate(id, userId, name, subject, body, version + 1, now, createdAt, now);
  }

  /** Replaces each placeholder by {@code values.apply(name)}; unknown names were refused on construction. */
  public static String fill(String text, UnaryOperator<String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(values.apply(m.group(1))));
    m.appendTail(out);
    return out.toString();
  }

  private static void requireKnownPlaceholders(String text, String field) {
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      Require.that(PLACEHOLDERS.contains(m.group(1)), field, field + ": unknown placeholder {{" + m.group(1)
          + "}} (known: {{sender_name}}, {{sender_email}}, {{subject}})");
    }
  }
}
