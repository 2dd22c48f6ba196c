package dev.va.domain.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxEntryTest {
  private static final Instant NOW = Instant.parse("2025-06-02T09:00:00Z");
  private static final UnsentReply UNSENT = new UnsentReply("ann@clients.test", "Re: Meeting");

  private static OutboxEntry suppressed(UnsentReply unsent) {
    return OutboxEntry.suppressed(UserId.random(), AutoReplyRuleId.random(), 1, EmailMessageId.random(),
        ReplyTemplateId.random(), EmailAccountId.random(), unsent, "classified as spam", NOW);
  }

  private static OutboxEntry pending() {
    ReplyMessage reply = new ReplyMessage("bob@clients.test", "Re: Lunch", "I am away.", "<m@clients.test>",
        List.of("<m@clients.test>"));
    return OutboxEntry.autoReply(UserId.random(), AutoReplyRuleId.random(), 1, EmailMessageId.random(),
        ReplyTemplateId.random(), EmailAccountId.random(), reply, "<r@va.test>", NOW);
  }

  @Test
  void aSuppressionKeepsWhereAndAboutWhatTheReplyWouldHaveGoneButNoText() {
    OutboxEntry entry = suppressed(UNSENT);

    assertThat(entry.status()).isEqualTo(OutboxStatus.SUPPRESSED);
    assertThat(entry.reply()).isNull();
    assertThat(entry.messageIdHeader()).isNull();
    assertThat(entry.unsent()).isEqualTo(UNSENT);
    assertThat(entry.recipient()).isEqualTo("ann@clients.test");
    assertThat(entry.subject()).isEqualTo("Re: Meeting");
  }

  @Test
  void aSuppressionMayLackTheRecipientOrWhatItWouldHaveBeenAltogether() {
    OutboxEntry noAddress = suppressed(new UnsentReply(null, "Re: Meeting"));
    OutboxEntry older = suppressed(null);

    assertThat(noAddress.recipient()).isNull();
    assertThat(noAddress.subject()).isEqualTo("Re: Meeting");
    assertThat(older.recipient()).isNull();
    assertThat(older.subject()).isNull();
  }

  @Test
  void aReplyToSendNamesItsOwnRecipientAndSubject() {
    OutboxEntry entry = pending();

    assertThat(entry.unsent()).isNull();
    assertThat(entry.recipient()).isEqualTo("bob@clients.test");
    assertThat(entry.subject()).isEqualTo("Re: Lunch");
  }

  @Test
  void aSuppressionNeverBecomesSendable() {
    OutboxEntry entry = suppressed(UNSENT);

    assertThatThrownBy(() -> entry.requeued(NOW)).isInstanceOf(DomainValidationException.class);
    assertThatThrownBy(() -> entry.claimed(NOW.plusSeconds(60), NOW)).isInstanceOf(DomainValidationException.class);
  }

  @Test
  void onlyASuppressionWithoutAReplyRecordsTheReplyItWouldHaveBeen() {
    OutboxEntry p = pending();

    assertThatThrownBy(() -> new OutboxEntry(p.id(), p.userId(), p.kind(), p.ruleId(), p.ruleVersion(),
        p.messageId(), p.draftId(), p.templateId(), p.accountId(), p.reply(), UNSENT, p.messageIdHeader(),
        p.status(), p.reason(), p.attempts(), p.leaseUntil(), p.sentAt(), p.createdAt(), p.updatedAt()))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("unsent"));
    assertThatThrownBy(() -> new OutboxEntry(p.id(), p.userId(), p.kind(), p.ruleId(), p.ruleVersion(),
        p.messageId(), p.draftId(), p.templateId(), p.accountId(), p.reply(), UNSENT, p.messageIdHeader(),
        OutboxStatus.SUPPRESSED, "spam", 0, null, null, NOW, NOW))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("unsent"));
  }

  @Test
  void anUnsentReplyHasAOneLineSubjectAndAtMostAUsableRecipient() {
    assertThat(new UnsentReply(null, "").subject()).isEmpty();
    assertThatThrownBy(() -> new UnsentReply("ann@clients.test", null)).isInstanceOf(DomainValidationException.class);
    assertThatThrownBy(() -> new UnsentReply("ann@clients.test", "Re: two\nlines"))
        .isInstanceOf(DomainValidationException.class);
    assertThatThrownBy(() -> new UnsentReply("ann@clients.test", "x".repeat(ReplyMessage.MAX_SUBJECT + 1)))
        .isInstanceOf(DomainValidationException.class);
    assertThatThrownBy(() -> new UnsentReply(" ", "Re: Meeting")).isInstanceOf(DomainValidationException.class);
    assertThatThrownBy(() -> new UnsentReply("a\r\nb@clients.test", "Re: Meeting"))
        .isInstanceOf(DomainValidationException.class);
    assertThatThrownBy(() -> new UnsentReply("a".repeat(ReplyMessage.MAX_RECIPIENT) + "@x", "Re: Meeting"))
        .isInstanceOf(DomainValidationException.class);
  }
}
