package dev.va.application.triage.autoreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.triage.TestMessages;
import dev.va.application.triage.autoreply.AutoReplyPolicy.Decision;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.shared.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AutoReplyPolicyTest {
  private static final Set<EmailAddress> ME = Set.of(EmailAddress.of("me@va.test"), EmailAddress.of("me@home.test"));
  private static final Instant NOW = Instant.parse("2025-03-04T10:00:00Z");
  private final AutoReplyPolicy policy = AutoReplyPolicy.withDefaultPeriod();

  private Decision decide(EmailMessage message) {
    return policy.decide(message, ME, Optional.empty(), NOW);
  }

  private static EmailMessage fixture(String name, String... substitutions) {
    return TestMessages.resource("autoreply/" + name, substitutions);
  }

  private static void assertSuppressed(Decision decision, String reason) {
    assertThat(decision.send()).isFalse();
    assertThat(decision.verdict()).isEqualTo(Decision.Verdict.SUPPRESSED);
    assertThat(decision.reason()).contains(reason);
  }

  @Test
  void allowsAnOrdinaryMessageAddressedToTheUser() {
    Decision decision = decide(fixture("allowed.eml"));
    assertThat(decision.send()).isTrue();
    assertThat(decision.reason()).isEqualTo("auto-reply allowed to ann@clients.test");
    assertThat(decide(fixture("auto-submitted-no.eml")).send()).isTrue();
  }

  @Test
  void suppressesWithoutReturnPath() {
    assertSuppressed(decide(fixture("no-return-path.eml")), "no Return-Path");
  }

  @Test
  void suppressesTheNullEnvelopeSender() {
    assertSuppressed(decide(fixture("null-return-path.eml")), "empty envelope sender (Return-Path <>)");
  }

  @Test
  void suppressesTheUsersOwnMail() {
    assertSuppressed(decide(fixture("from-user.eml")), "sent by you");
    assertSuppressed(decide(fixture("reply-to-user.eml")), "sent by you");
  }

  @Test
  void suppressesAutomaticMail() {
    assertSuppressed(decide(fixture("auto-submitted.eml")), "Auto-Submitted: auto-replied");
  }

  @Test
  void suppressesListMail() {
    assertSuppressed(decide(fixture("list-header.eml")), "mailing-list mail (list-unsubscribe header)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bulk", "junk", "list", "Bulk"})
  void suppressesBulkPrecedence(String precedence) {
    assertSuppressed(decide(fixture("precedence.eml", "precedence", precedence)),
        "Precedence: " + precedence.toLowerCase());
  }

  @Test
  void allowsOtherPrecedence() {
    assertThat(decide(fixture("precedence.eml", "precedence", "first-class")).send()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"All", "OOF", "oof", "AutoReply"})
  void honoursXAutoResponseSuppress(String value) {
    assertSuppressed(decide(fixture("x-auto-response-suppress.eml", "value", value)),
        "X-Auto-Response-Suppress: DR, " + value);
  }

  @Test
  void ignoresXAutoResponseSuppressForOtherKinds() {
    assertThat(decide(fixture("x-auto-response-suppress.eml", "value", "NDR")).send()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"MAILER-DAEMON", "postmaster", "noreply", "No-Reply", "donotreply", "LISTSERV",
      "majordomo", "owner-announce", "announce-request"})
  void suppressesRobotSenders(String local) {
    assertSuppressed(decide(fixture("robot-sender.eml", "sender", local)),
        "sent by a robot or list address (" + local.toLowerCase() + "@clients.test)");
    assertSuppressed(decide(fixture("robot-envelope.eml", "sender", local)),
        "sent by a robot or list address (" + local.toLowerCase() + "@lists.test)");
  }

  @Test
  void doesNotMistakeOrdinaryNamesForRobots() {
    assertThat(decide(fixture("robot-sender.eml", "sender", "owner")).send()).isTrue();
    assertThat(decide(fixture("robot-sender.eml", "sender", "requests")).send()).isTrue();
  }

  @Test
  void suppressesWhenTheUserIsNotARecipient() {
    assertSuppressed(decide(fixture("bcc.eml")), "you are not in To or Cc");
  }

  @Test
  void suppressesSpam() {
    EmailMessage spam = fixture("allowed.eml");
    spam = spam.withTriage(spam.triage().classified(Category.SPAM, 0.99, false, java.util.List.of(), NOW), NOW);
    assertSuppressed(decide(spam), "classified as spam");
  }

  @Test
  void suppressesAMessageAlreadyAnswered() {
    EmailMessage answered = fixture("allowed.eml");
    answered = answered.withTriage(answered.triage().withAutoReplySent(), NOW);
    assertSuppressed(decide(answered), "already auto-replied to this message");
  }

  @Test
  void answersASenderOncePerPeriod() {
    EmailMessage message = fixture("allowed.eml");
    assertSuppressed(policy.decide(message, ME, Optional.of(NOW.minus(Duration.ofDays(3))), NOW),
        "ann@clients.test already got an auto-reply from this rule on 2025-03-01T10:00:00Z (once per 7 days)");
    assertThat(policy.decide(message, ME, Optional.of(NOW.minus(Duration.ofDays(7))), NOW).send()).isTrue();
    AutoReplyPolicy daily = new AutoReplyPolicy(Duration.ofDays(1));
    assertThat(daily.decide(message, ME, Optional.of(NOW.minus(Duration.ofHours(25))), NOW).send()).isTrue();
    assertSuppressed(daily.decide(message, ME, Optional.of(NOW.minus(Duration.ofHours(23))), NOW), "once per 1 days");
  }

  @Test
  void refusesAPeriodShorterThanADay() {
    assertThatThrownBy(() -> new AutoReplyPolicy(Duration.ofHours(12)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one day");
  }
}
