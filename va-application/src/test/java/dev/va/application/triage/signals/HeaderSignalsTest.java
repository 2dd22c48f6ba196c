package dev.va.application.triage.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.triage.TestMessages;
import dev.va.application.triage.signals.Signal.ReplyHint;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderSignalsTest {
  private final HeaderSignals signals = new HeaderSignals(Set.of("sent-1@va.test")::contains);

  private List<Signal> detect(String raw) {
    return signals.detect(TestMessages.parse(raw));
  }

  private static final String PLAIN = "From: Ann <ann@clients.test>\nTo: me@va.test\nSubject: Lunch\n";

  @Test
  void saysNothingAboutAnOrdinaryMessage() {
    assertThat(detect(PLAIN + "\nHi\n")).isEmpty();
  }

  @Test
  void recognisesBouncesDecisively() {
    Signal report = detect("From: Mail Delivery System <mailer-daemon@mx.test>\nSubject: Undelivered Mail\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=x\n\n--x--\n").get(0);
    assertThat(report.name()).isEqualTo("bounce");
    assertThat(report.category()).isEqualTo(Category.NOTIFICATION);
    assertThat(report.decisive()).isTrue();
    assertThat(report.reason()).isEqualTo("bounce: a delivery report (Content-Type multipart/report)");
    assertThat(detect("From: postmaster@mx.test\nSubject: hello\n\nx\n").get(0).reason())
        .isEqualTo("bounce: sent by the mail system (postmaster)");
    assertThat(detect("Return-Path: <>\nFrom: robot@mx.test\nSubject: failure notice\n\nx\n").get(0).reason())
        .isEqualTo("bounce: a bounce (null sender, subject \"failure notice\")");
    assertThat(detect("Return-Path: <>\nFrom: ann@clients.test\nSubject: Lunch\n\nx\n")).isEmpty();
  }

  @Test
  void recognisesAutomaticMail() {
    Signal s = detect(PLAIN + "Auto-Submitted: auto-generated\n\nx\n").get(0);
    assertThat(s.name()).isEqualTo("auto_submitted");
    assertThat(s.decisive()).isTrue();
    assertThat(s.reason()).isEqualTo("sent automatically (Auto-Submitted: auto-generated)");
    assertThat(detect(PLAIN + "Auto-Submitted: no\n\nx\n")).isEmpty();
  }

  @Test
  void recognisesListAndBulkMailWithoutDecidingAlone() {
    Signal list = detect(PLAIN + "List-Id: <news.clients.test>\nList-Unsubscribe: <mailto:u@clients.test>\n"
        + "Precedence: bulk\n\nx\n").get(0);
    assertThat(list.category()).isEqualTo(Category.NEWSLETTER);
    assertThat(list.decisive()).isFalse();
    assertThat(list.confidence()).isEqualTo(0.9);
    assertThat(list.reason()).isEqualTo("mailing-list mail (list-id, list-unsubscribe, Precedence: bulk)");
    Signal bulk = detect(PLAIN + "Precedence: junk\n\nx\n").get(0);
    assertThat(bulk.confidence()).isEqualTo(0.75);
    assertThat(bulk.reason()).isEqualTo("bulk mail (Precedence: junk)");
  }

  @Test
  void recognisesNoReplyAndAutomatedSenders() {
    Signal noReply = detect("From: Shop <no-reply@shop.test>\nSubject: Your order\n\nx\n").get(0);
    assertThat(noReply.name()).isEqualTo("no_reply_sender");
    assertThat(noReply.reply()).isEqualTo(ReplyHint.NOT_EXPECTED);
    assertThat(detect("From: notifications@git.test\nSubject: PR\n\nx\n").get(0).name())
        .isEqualTo("automated_sender");
  }

  @Test
  void tellsInvitationsFromCalendarUpdates() {
    EmailMessage invite =
        TestMessages.parse(PLAIN + "Content-Type: text/calendar; method=REQUEST\n\nBEGIN:VCALENDAR\n");
    Signal s = signals.detect(invite).get(0);
    assertThat(s.category()).isEqualTo(Category.IMPORTANT);
    assertThat(s.reply()).isEqualTo(ReplyHint.EXPECTED);
    EmailMessage cancel = TestMessages.withAttachments(TestMessages.parse(PLAIN + "\nCancelled\n"),
        List.of(new EmailMessage.Attachment("invite.ics", "text/calendar; method=CANCEL", 500)));
    assertThat(signals.detect(cancel).get(0).reason()).isEqualTo("a calendar update (cancel)");
    EmailMessage robotInvite = TestMessages.withAttachments(
        TestMessages.parse("From: calendar-notification@noreply.test\nSubject: Invitation\n\nx\n"),
        List.of(new EmailMessage.Attachment("invite.ics", "application/ics", 500)));
    assertThat(signals.detect(robotInvite)).extracting(Signal::category).containsOnly(Category.NOTIFICATION);
  }

  @Test
  void recognisesRepliesInTheUsersThreads() {
    Signal s = detect(PLAIN + "In-Reply-To: <other@x.test>\nReferences: <root@x.test> <sent-1@va.test>\n\nx\n")
        .get(0);
    assertThat(s.name()).isEqualTo("own_thread");
    assertThat(s.category()).isEqualTo(Category.PERSONAL);
    assertThat(s.reply()).isEqualTo(ReplyHint.EXPECTED);
    assertThat(s.reason()).isEqualTo("a reply in a thread you wrote in (<sent-1@va.test>)");
    assertThat(detect(PLAIN + "In-Reply-To: <other@x.test>\n\nx\n")).isEmpty();
  }

  @Test
  void ordersSignalsStrongestFirst() {
    List<Signal> found = detect("From: noreply@shop.test\nSubject: x\nList-Id: <l.shop.test>\n"
        + "Auto-Submitted: auto-generated\n\nx\n");
    assertThat(found).extracting(Signal::name).containsExactly("auto_submitted", "bulk", "no_reply_sender");
  }
}
