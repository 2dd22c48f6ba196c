package dev.va.application.triage.autoreply;

import dev.va.application.triage.MessageHeaders;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.shared.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether an automatic reply may go out, following RFC 3834 and common practice: never answer mail that is
 * itself automatic, bulk or list traffic, a bounce, a robot's, the user's own, mail the user was not addressed in,
 * spam, or a sender this rule already answered within its period. Each refusal names its reason.
 */
public final class AutoReplyPolicy {
  public static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
  public static final Duration MINIMUM_PERIOD = Duration.ofDays(1);

  private static final Set<String> ROBOT_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster", "noreply", "no-reply",
      "no_reply", "donotreply", "do-not-reply", "do_not_reply", "listserv", "majordomo");
  private static final Set<String> SUPPRESSING = Set.of("all", "oof", "autoreply");

  /** The verdict and why. */
  public record Decision(Verdict verdict, String reason) {
    public enum Verdict { SEND, SUPPRESSED }

    public Decision {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(reason, "reason");
    }

    static Decision suppressed(String reason) {
      return new Decision(Verdict.SUPPRESSED, reason);
    }

    public boolean send() {
      return verdict == Verdict.SEND;
    }
  }

  private final Duration period;

  /** @param period one auto-reply per sender and rule within this period; at least a day */
  public AutoReplyPolicy(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.compareTo(MINIMUM_PERIOD) < 0) {
      throw new IllegalArgumentException("the auto-reply period must be at least one day");
    }
    this.period = period;
  }

  public static AutoReplyPolicy withDefaultPeriod() {
    return new AutoReplyPolicy(DEFAULT_PERIOD);
  }

  public Duration period() {
    return period;
  }

  /**
   * @param message the message to answer, with its triage category set when it has one
   * @param userAddresses every address of the user
   * @param lastReplyToSenderByThisRule when this rule last auto-replied to the message's reply address
   * @param now the current time
   */
  public Decision decide(EmailMessage message, Set<EmailAddress> userAddresses,
      Optional<Instant> lastReplyToSenderByThisRule, Instant now) {
    Set<String> mine = userAddresses.stream().map(EmailAddress::value).collect(Collectors.toSet());
    Optional<String> returnPath = MessageHeaders.first(message, "return-path");
    if (returnPath.isEmpty()) return Decision.suppressed("no Return-Path: the envelope sender is unknown");
    Optional<String> envelope = MessageHeaders.address(returnPath.get());
    if (envelope.isEmpty()) {
      return Decision.suppressed("empty envelope sender (Return-Path " + returnPath.get()
          + "): bounces and automatic mail are never answered");
    }
    Optional<String> from = Optional.ofNullable(message.from()).flatMap(MessageHeaders::address);
    Optional<String> target = AutoReplyBuilder.replyAddress(message);
    if (target.isEmpty()) return Decision.suppressed("no address to reply to");
    if (from.filter(mine::contains).isPresent() || mine.contains(target.get())) {
      return Decision.suppressed("sent by you");
    }
    if (message.triage().autoReplySent()) return Decision.suppressed("already auto-replied to this message");
    Optional<String> autoSubmitted = MessageHeaders.token(message, "auto-submitted");
    if (autoSubmitted.isPresent() && !autoSubmitted.get().equals("no")) {
      return Decision.suppressed("Auto-Submitted: " + autoSubmitted.get() + " (automatic mail is never answered)");
    }
    Optional<String> listHeader = message.headers().keySet().stream().filter(h -> h.startsWith("list-")).sorted()
        .findFirst();
    if (listHeader.isPresent()) return Decision.suppressed("mailing-list mail (" + listHeader.get() + " header)");
    Optional<String> precedence = MessageHeaders.token(message, "precedence");
    if (precedence.isPresent() && Set.of("bulk", "junk", "list").contains(precedence.get())) {
      return Decision.suppressed("Precedence: " + precedence.get());
    }
    for (String value : MessageHeaders.all(message, "x-auto-response-suppress")) {
      for (String item : value.split(",")) {
        if (SUPPRESSING.contains(item.trim().toLowerCase(Locale.ROOT))) {
          return Decision.suppressed("X-Auto-Response-Suppress: " + value.trim());
        }
      }
    }
    List<String> senders = new ArrayList<>();
    from.ifPresent(senders::add);
    senders.add(target.get());
    senders.add(envelope.get());
    MessageHeaders.first(message, "sender").flatMap(MessageHeaders::address).ifPresent(senders::add);
    for (String sender : senders) {
      if (isRobot(MessageHeaders.localPart(sender))) {
        return Decision.suppressed("sent by a robot or list address (" + sender + ")");
      }
    }
    List<String> recipients = new ArrayList<>(MessageHeaders.addresses(message.to()));
    recipients.addAll(MessageHeaders.addresses(message.cc()));
    if (recipients.stream().noneMatch(mine::contains)) {
      return Decision.suppressed("you are not in To or Cc (Bcc, a list or a forward)");
    }
    if (Category.SPAM.equals(message.triage().category())) return Decision.suppressed("classified as spam");
    if (lastReplyToSenderByThisRule.isPresent()
        && lastReplyToSenderByThisRule.get().plus(period).isAfter(now)) {
      return Decision.suppressed(target.get() + " already got an auto-reply from this rule on "
          + lastReplyToSenderByThisRule.get() + " (once per " + period.toDays() + " days)");
    }
    return new Decision(Decision.Verdict.SEND, "auto-reply allowed to " + target.get());
  }

  private static boolean isRobot(String localPart) {
    String local = localPart.toLowerCase(Locale.ROOT);
    return ROBOT_LOCAL_PARTS.contains(local) || local.startsWith("owner-") || local.endsWith("-request");
  }
}
