package dev.va.application.port.out;

import static dev.va.application.fixture.OutboxEntryBuilder.anAutoReply;
import static dev.va.application.fixture.ReplyDraftBuilder.aDraft;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fixture.Paging;
import dev.va.application.fixture.TestTimes;
import dev.va.application.port.out.AutoReplyOutbox.LastReply;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link AutoReplyOutbox} shares: the state machine that sends each reply at most once. */
public interface AutoReplyOutboxContract {
  Instant NOW = TestTimes.at(1_000);
  Instant LEASE = NOW.plusSeconds(300);

  AutoReplyOutbox outbox();

  /** Where owners are stored first, so stores with foreign keys accept the entries. */
  UserRepository users();

  private UserId storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user.id();
  }

  private OutboxEntry stored(OutboxEntry entry) {
    assertThat(outbox().insertIfAbsent(entry)).isTrue();
    return entry;
  }

  private OutboxEntry storedDraftEntry(ReplyDraft draft) {
    ReplyDraft approved = draft.approve(OutboxEntryId.random(), TestTimes.at(5));
    return stored(OutboxEntry.draft(approved, "<draft-" + approved.id() + "@va.example.org>", TestTimes.at(5)));
  }

  private OutboxEntry current(OutboxEntry entry) {
    return outbox().findById(entry.userId(), entry.id()).orElseThrow();
  }

  /** Runs {@code task} on {@code threads} threads released at once, and returns what each returned. */
  private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) results.add(future.get(30, TimeUnit.SECONDS));
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void storesEveryFieldOfAnAutoReplyASuppressionAndADraftReply() {
    UserId owner = storedUser();
    OutboxEntry pending = stored(anAutoReply(owner).build());
    OutboxEntry suppressed = stored(anAutoReply(owner).suppressed("Precedence: bulk"));
    OutboxEntry draft = storedDraftEntry(aDraft(owner).build());

    assertThat(current(pending)).isEqualTo(pending);
    assertThat(current(suppressed)).isEqualTo(suppressed);
    assertThat(current(draft)).isEqualTo(draft);
    assertThat(outbox().findAutoReply(owner, pending.ruleId(), pending.messageId())).contains(pending);
    assertThat(outbox().findByDraft(owner, draft.draftId())).contains(draft);
    assertThat(current(suppressed).reply()).isNull();
    assertThat(current(suppressed).recipient()).isEqualTo("alice@example.org");
    assertThat(current(suppressed).subject()).isEqualTo("Re: Quarterly report");
  }

  @Test
  default void storesASuppressionWithNoAddressToReplyToAndOneRecordedBeforeItsRecipientWasKept() {
    UserId owner = storedUser();
    OutboxEntry noAddress = stored(anAutoReply(owner).recipient(null).suppressed("no address to reply to"));
    OutboxEntry older = stored(anAutoReply(owner).suppressedWithoutRecipientOrSubject("Precedence: bulk"));

    assertThat(current(noAddress)).isEqualTo(noAddress);
    assertThat(current(noAddress).recipient()).isNull();
    assertThat(current(noAddress).subject()).isEqualTo("Re: Quarterly report");
    assertThat(current(older)).isEqualTo(older);
    assertThat(current(older).unsent()).isNull();
    assertThat(outbox().list(owner, OutboxStatus.SUPPRESSED, PageRequest.first(10)).items())
        .containsExactlyInAnyOrder(noAddress, older);
  }

  @Test
  default void aSuppressionIsNoReplyToTheAddressItWouldHaveGoneTo() {
    UserId owner = storedUser();
    AutoReplyRuleId rule = AutoReplyRuleId.random();
    stored(anAutoReply(owner).rule(rule).recipient("bob@example.org").suppressed("spam"));

    assertThat(outbox().lastAutoReplies(owner, TestTimes.T0.minusSeconds(1))).isEmpty();
    assertThat(outbox().insertUnlessRepliedSince(anAutoReply(owner).rule(rule).recipient("bob@example.org")
        .build(), TestTimes.T0.minusSeconds(1))).isTrue();
  }

  @Test
  default void keepsOneAutoReplyPerRuleAndMessage() {
    OutboxEntry first = stored(anAutoReply(storedUser()).build());
    UserId owner = first.userId();

    assertThat(outbox().insertIfAbsent(anAutoReply(owner).rule(first.ruleId()).message(first.messageId())
        .recipient("someone.else@example.org").build())).isFalse();
    assertThat(outbox().insertIfAbsent(anAutoReply(owner).rule(first.ruleId()).message(first.messageId())
        .suppressed("later suppression"))).isFalse();
    assertThat(outbox().insertIfAbsent(anAutoReply(owner).rule(AutoReplyRuleId.random())
        .message(first.messageId()).build())).isTrue();
    assertThat(outbox().insertIfAbsent(anAutoReply(owner).rule(first.ruleId())
        .message(EmailMessageId.random()).build())).isTrue();

    assertThat(outbox().findAutoReply(owner, first.ruleId(), first.messageId())).contains(first);
  }

  @Test
  default void concurrentInsertsOfTheSameAutoReplyStoreOne() throws Exception {
    UserId owner = storedUser();
    AutoReplyRuleId rule = AutoReplyRuleId.random();
    EmailMessageId message = EmailMessageId.random();

    List<Boolean> stored = race(8, () -> outbox().insertIfAbsent(anAutoReply(owner).rule(rule).message(message)
        .build()));

    assertThat(stored).containsOnlyOnce(true);
    assertThat(outbox().list(owner, null, PageRequest.first(20)).items()).hasSize(1);
  }

  @Test
  default void oneReplyPerRuleAndRecipientWithinThePeriodEvenWhenMessagesRace() throws Exception {
    UserId owner = storedUser();
    AutoReplyRuleId rule = AutoReplyRuleId.random();
    Instant since = TestTimes.T0.minus(java.time.Duration.ofDays(7));

    List<Boolean> stored = race(8, () -> outbox().insertUnlessRepliedSince(anAutoReply(owner).rule(rule)
        .message(EmailMessageId.random()).recipient("Bob@Client.example").build(), since));

    assertThat(stored).containsOnlyOnce(true);
    // another recipient, or another rule, is a reply of its own; a reply older than the period does not count
    assertThat(outbox().insertUnlessRepliedSince(anAutoReply(owner).rule(rule).message(EmailMessageId.random())
        .recipient("carol@client.example").build(), since)).isTrue();
    assertThat(outbox().insertUnlessRepliedSince(anAutoReply(owner).rule(AutoReplyRuleId.random())
        .message(EmailMessageId.random()).recipient("bob@client.example").build(), since)).isTrue();
    assertThat(outbox().insertUnlessRepliedSince(anAutoReply(owner).rule(rule).message(EmailMessageId.random())
        .recipient("bob@client.example").build(), TestTimes.T0.plusSeconds(1))).isTrue();
  }

  @Test
  default void keepsOneEntryPerDraftBesideTheRulesAutoReply() {
    UserId owner = storedUser();
    ReplyDraft draft = aDraft(owner).build();
    OutboxEntry fromDraft = storedDraftEntry(draft);
    // the rule's own auto-reply to the same message is a different reply
    stored(anAutoReply(owner).rule(draft.ruleId()).message(draft.messageId()).build());

    ReplyDraft again = draft.approve(OutboxEntryId.random(), TestTimes.at(6));
    assertThat(outbox().insertIfAbsent(OutboxEntry.draft(again, "<again@va.example.org>", TestTimes.at(6))))
        .isFalse();

    assertThat(outbox().findByDraft(owner, draft.id())).contains(fromDraft);
  }

  @Test
  default void aClaimTakesAPendingEntryOnce() {
    OutboxEntry entry = stored(anAutoReply(storedUser()).build());

    Optional<OutboxEntry> claimed = outbox().claim(entry.id(), LEASE, NOW);

    assertThat(claimed).contains(entry.claimed(LEASE, NOW));
    assertThat(claimed.get().status()).isEqualTo(OutboxStatus.SENDING);
    assertThat(claimed.get().attempts()).isEqualTo(1);
    assertThat(outbox().claim(entry.id(), LEASE.plusSeconds(1), NOW.plusSeconds(1))).isEmpty();
    assertThat(current(entry)).isEqualTo(claimed.get());
    assertThat(outbox().claim(OutboxEntryId.random(), LEASE, NOW)).isEmpty();
  }

  @Test
  default void ofConcurrentClaimsExactlyOneWins() throws Exception {
    OutboxEntry entry = stored(anAutoReply(storedUser()).build());

    List<Optional<OutboxEntry>> claims = race(8, () -> outbox().claim(entry.id(), LEASE, NOW));

    assertThat(claims.stream().filter(Optional::isPresent).count()).isEqualTo(1);
    assertThat(current(entry).attempts()).isEqualTo(1);
  }

  @Test
  default void aSuppressedEntryIsNeverClaimed() {
    OutboxEntry suppressed = stored(anAutoReply(storedUser()).suppressed("sent by you"));

    assertThat(outbox().claim(suppressed.id(), LEASE, NOW)).isEmpty();
    assertThat(current(suppressed)).isEqualTo(suppressed);
  }

  @Test
  default void theSendIsRecordedForItsOwnClaimOnly() {
    OutboxEntry entry = stored(anAutoReply(storedUser()).build());
    OutboxEntry claimed = outbox().claim(entry.id(), LEASE, NOW).orElseThrow();

    assertThat(outbox().markSent(entry.id(), claimed.attempts() + 1, "<x@y>", NOW.plusSeconds(1))).isFalse();
    assertThat(outbox().markSent(entry.id(), claimed.attempts(), "<sent@va.example.org>", NOW.plusSeconds(2)))
        .isTrue();

    OutboxEntry sent = current(entry);
    assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
    assertThat(sent.sentAt()).isEqualTo(NOW.plusSeconds(2));
    assertThat(sent.messageIdHeader()).isEqualTo("<sent@va.example.org>");
    assertThat(outbox().markSent(entry.id(), claimed.attempts(), "<again@y>", NOW.plusSeconds(3))).isFalse();
    assertThat(outbox().markFailed(entry.id(), claimed.attempts(), "late", NOW.plusSeconds(3))).isFalse();
    assertThat(outbox().claim(entry.id(), LEASE, NOW.plusSeconds(3))).isEmpty();
    assertThat(current(entry)).isEqualTo(sent);
  }

  @Test
  default void aSendIsOnlyRecordedAfterAClaim() {
    OutboxEntry entry = stored(anAutoReply(storedUser()).build());

    assertThat(outbox().markSent(entry.id(), 0, "<x@y>", NOW)).isFalse();
    assertThat(outbox().markFailed(entry.id(), 0, "x", NOW)).isFalse();

    assertThat(current(entry)).isEqualTo(entry);
  }

  @Test
  default void aFailedSendKeepsItsReasonAndIsNotClaimedAgain() {
    OutboxEntry entry = stored(anAutoReply(storedUser()).build());
    OutboxEntry claimed = outbox().claim(entry.id(), LEASE, NOW).orElseThrow();

    assertThat(outbox().markFailed(entry.id(), claimed.attempts(), "530 authentication required",
        NOW.plusSeconds(1))).isTrue();

    OutboxEntry failed = current(entry);
    assertThat(failed.status()).isEqualTo(OutboxStatus.FAILED);
    assertThat(failed.reason()).isEqualTo("530 authentication required");
    assertThat(outbox().claim(entry.id(), LEASE, NOW.plusSeconds(2))).isEmpty();
  }

  @Test
  default void aClaimWhoseLeaseRanOutBecomesUncertainAndIsNeverClaimedAgain() {
    OutboxEntry entry = stored(anAutoReply(storedUser()).build());
    OutboxEntry claimed = outbox().claim(entry.id(), LEASE, NOW).orElseThrow();

    assertThat(outbox().markUncertain(entry.id(), "worker vanished", LEASE.minusSeconds(1))).isFalse();
    assertThat(current(entry).status()).isEqualTo(OutboxStatus.SENDING);
    assertThat(outbox().markUncertain(entry.id(), "worker vanished", LEASE)).isTrue();

    OutboxEntry uncertain = current(entry);
    assertThat(uncertain.status()).isEqualTo(OutboxStatus.UNCERTAIN);
    assertThat(uncertain.reason()).isEqualTo("worker vanished");
    assertThat(outbox().claim(entry.id(), LEASE.plusSeconds(600), LEASE.plusSeconds(1))).isEmpty();
    assertThat(outbox().markUncertain(entry.id(), "again", LEASE.plusSeconds(1))).isFalse();
    // the vanished worker did send after all, and says so late: the truth wins
    assertThat(outbox().markSent(entry.id(), claimed.attempts(), "<late@va.example.org>", LEASE.plusSeconds(2)))
        .isTrue();
    assertThat(current(entry).status()).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  default void onlyASendingEntryCanBecomeUncertain() {
    OutboxEntry pending = stored(anAutoReply(storedUser()).build());
    OutboxEntry suppressed = stored(anAutoReply(pending.userId()).suppressed("spam"));

    assertThat(outbox().markUncertain(pending.id(), "x", LEASE.plusSeconds(1))).isFalse();
    assertThat(outbox().markUncertain(suppressed.id(), "x", LEASE.plusSeconds(1))).isFalse();

    assertThat(current(pending)).isEqualTo(pending);
  }

  @Test
  default void theUserRequeuesAnUncertainOrFailedEntryAndTheNextClaimFencesTheOldOne() {
    OutboxEntry entry = stored(anAutoReply(storedUser()).build());
    OutboxEntry first = outbox().claim(entry.id(), LEASE, NOW).orElseThrow();
    outbox().markUncertain(entry.id(), "worker vanished", LEASE);

    Optional<OutboxEntry> requeued = outbox().requeue(entry.userId(), entry.id(), LEASE.plusSeconds(5));

    assertThat(requeued).isPresent();
    assertThat(requeued.get().status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(requeued.get().messageIdHeader()).isEqualTo(entry.messageIdHeader());
    assertThat(current(entry)).isEqualTo(requeued.get());
    OutboxEntry second = outbox().claim(entry.id(), LEASE.plusSeconds(400), LEASE.plusSeconds(6)).orElseThrow();
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(outbox().markSent(entry.id(), first.attempts(), "<old@y>", LEASE.plusSeconds(7))).isFalse();
    assertThat(outbox().markFailed(entry.id(), second.attempts(), "refused", LEASE.plusSeconds(8))).isTrue();
    assertThat(outbox().requeue(entry.userId(), entry.id(), LEASE.plusSeconds(9))).isPresent();
  }

  @Test
  default void onlyUncertainOrFailedEntriesOfTheOwnerAreRequeued() {
    OutboxEntry pending = stored(anAutoReply(storedUser()).build());
    OutboxEntry suppressed = stored(anAutoReply(pending.userId()).suppressed("spam"));
    OutboxEntry sent = stored(anAutoReply(pending.userId()).build());
    outbox().markSent(sent.id(), outbox().claim(sent.id(), LEASE, NOW).orElseThrow().attempts(), null, NOW);
    OutboxEntry failed = stored(anAutoReply(pending.userId()).build());
    outbox().markFailed(failed.id(), outbox().claim(failed.id(), LEASE, NOW).orElseThrow().attempts(), "x", NOW);
    UserId stranger = storedUser();

    assertThat(outbox().requeue(pending.userId(), pending.id(), NOW)).isEmpty();
    assertThat(outbox().requeue(pending.userId(), suppressed.id(), NOW)).isEmpty();
    assertThat(outbox().requeue(pending.userId(), sent.id(), NOW)).isEmpty();
    assertThat(outbox().requeue(stranger, failed.id(), NOW)).isEmpty();
    assertThat(current(failed).status()).isEqualTo(OutboxStatus.FAILED);
    assertThat(current(sent).messageIdHeader()).isEqualTo(sent.messageIdHeader());
  }

  @Test
  default void knowsWhetherAMessageHasAnAutoReplyThatMayHaveGoneOut() {
    UserId owner = storedUser();
    OutboxEntry suppressed = stored(anAutoReply(owner).suppressed("spam"));
    OutboxEntry failed = stored(anAutoReply(owner).build());
    outbox().markFailed(failed.id(), outbox().claim(failed.id(), LEASE, NOW).orElseThrow().attempts(), "x", NOW);
    OutboxEntry pending = stored(anAutoReply(owner).build());
    ReplyDraft draft = aDraft(owner).build();
    storedDraftEntry(draft);

    assertThat(outbox().hasAutoReply(owner, suppressed.messageId())).isFalse();
    assertThat(outbox().hasAutoReply(owner, failed.messageId())).isFalse();
    assertThat(outbox().hasAutoReply(owner, draft.messageId())).isFalse();
    assertThat(outbox().hasAutoReply(owner, pending.messageId())).isTrue();
    assertThat(outbox().hasAutoReply(storedUser(), pending.messageId())).isFalse();
  }

  @Test
  default void lastAutoRepliesCountSentOnesAtTheirSendTimeAndOnesInFlightAtTheirCreation() {
    UserId owner = storedUser();
    AutoReplyRuleId rule = AutoReplyRuleId.random();
    AutoReplyRuleId otherRule = AutoReplyRuleId.random();
    OutboxEntry early = stored(anAutoReply(owner).rule(rule).recipient("Alice@Example.org")
        .createdAt(TestTimes.at(10)).build());
    outbox().markSent(early.id(), outbox().claim(early.id(), LEASE, NOW).orElseThrow().attempts(), null,
        TestTimes.at(20));
    stored(anAutoReply(owner).rule(rule).recipient("alice@example.org").createdAt(TestTimes.at(15)).build());
    OutboxEntry uncertain = stored(anAutoReply(owner).rule(otherRule).recipient("alice@example.org")
        .createdAt(TestTimes.at(30)).build());
    outbox().claim(uncertain.id(), TestTimes.at(40), TestTimes.at(31));
    outbox().markUncertain(uncertain.id(), "vanished", TestTimes.at(40));
    stored(anAutoReply(owner).rule(rule).recipient("bob@example.org").suppressed("spam"));
    OutboxEntry failed = stored(anAutoReply(owner).rule(rule).recipient("carol@example.org").build());
    outbox().markFailed(failed.id(), outbox().claim(failed.id(), LEASE, NOW).orElseThrow().attempts(), "x", NOW);
    stored(anAutoReply(owner).rule(rule).recipient("old@example.org").createdAt(TestTimes.at(1)).build());
    stored(anAutoReply(storedUser()).rule(rule).recipient("alice@example.org").createdAt(TestTimes.at(90)).build());
    storedDraftEntry(aDraft(owner).rule(rule).build());

    List<LastReply> last = outbox().lastAutoReplies(owner, TestTimes.at(5));

    assertThat(last).containsExactlyInAnyOrder(
        new LastReply(rule, "alice@example.org", TestTimes.at(20)),
        new LastReply(otherRule, "alice@example.org", TestTimes.at(30)));
  }

  @Test
  default void listsTheOwnersEntriesNewestFirstByStatusPageByPage() {
    UserId owner = storedUser();
    OutboxEntry oldest = stored(anAutoReply(owner).createdAt(TestTimes.at(1)).build());
    OutboxEntry middle = stored(anAutoReply(owner).createdAt(TestTimes.at(2)).suppressed("spam"));
    OutboxEntry newest = stored(anAutoReply(owner).createdAt(TestTimes.at(3)).build());
    stored(anAutoReply(storedUser()).createdAt(TestTimes.at(4)).build());

    assertThat(Paging.allItems(page -> outbox().list(owner, null, page), 2))
        .containsExactly(newest, middle, oldest);
    assertThat(outbox().list(owner, OutboxStatus.PENDING, PageRequest.first(10)).items())
        .containsExactly(newest, oldest);
    assertThat(outbox().findById(storedUser(), newest.id())).isEmpty();
  }

  @Test
  default void deletingTheOwnerDeletesTheEntries() {
    OutboxEntry entry = stored(anAutoReply(storedUser()).build());
    OutboxEntry other = stored(anAutoReply(storedUser()).build());

    users().delete(entry.userId());

    assertThat(outbox().findById(entry.userId(), entry.id())).isEmpty();
    assertThat(current(other)).isEqualTo(other);
  }
}
