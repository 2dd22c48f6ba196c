package dev.va.application.triage.rules;

import dev.va.application.triage.MessageHeaders;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What rules see of one message: the message itself and the classification triage gave it (which may not be
 * stored on the message yet). Address fields are offered both as written and as bare addresses, so
 * {@code ends_with "@example.com"} and {@code contains "Jane"} both work on {@code Jane <jane@example.com>}.
 */
public final class RuleInput {
  /** Text conditions look at no more of a body than this, keeping evaluation time bounded. */
  public static final int MAX_BODY_CHARS = 100_000;

  private final EmailMessage message;
  private final Category category;
  private final double confidence;
  private final boolean needsReply;
  private final List<String> from;
  private final List<String> to;
  private final List<String> cc;

  public RuleInput(EmailMessage message, Category category, double confidence, boolean needsReply) {
    this.message = Objects.requireNonNull(message, "message");
    this.category = Objects.requireNonNull(category, "category");
    this.confidence = confidence;
    this.needsReply = needsReply;
    this.from = withAddresses(message.from() == null ? List.of() : List.of(message.from()));
    this.to = withAddresses(message.to());
    this.cc = withAddresses(message.cc());
  }

  private static List<String> withAddresses(List<String> entries) {
    List<String> out = new ArrayList<>();
    for (String entry : entries) {
      out.add(entry);
      for (String address : MessageHeaders.addresses(entry)) {
        if (!address.equalsIgnoreCase(entry.trim())) out.add(address);
      }
    }
    return List.copyOf(out);
  }

  public EmailMessage message() {
    return message;
  }

  public Category category() {
    return category;
  }

  public double confidence() {
    return confidence;
  }

  public boolean needsReply() {
    return needsReply;
  }

  List<String> from() {
    return from;
  }

  List<String> to() {
    return to;
  }

  List<String> cc() {
    return cc;
  }

  String subject() {
    return message.subject() == null ? "" : message.subject();
  }

  String body() {
    String body = message.bodyText() == null ? "" : message.bodyText();
    return body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body;
  }
}
