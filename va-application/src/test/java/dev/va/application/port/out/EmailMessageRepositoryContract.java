package dev.va.application.port.out;

import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static dev.va.application.fixture.EmailMessageBuilder.aMessage;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fixture.Paging;
import dev.va.application.fixture.TestIds;
import dev.va.application.fixture.TestTimes;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.Triage;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link EmailMessageRepository} shares. */
public interface EmailMessageRepositoryContract {
  EmailMessageRepository messages();

  /** Where owners are stored first, so stores with foreign keys accept the messages. */
  UserRepository users();

  /** Where accounts are stored first, so stores with foreign keys accept the messages. */
  EmailAccountRepository accounts();

  private EmailAccount storedAccount() {
    User user = aUser().build();
    users().insert(user);
    return storedAccount(user.id());
  }

  private EmailAccount storedAccount(UserId owner) {
    EmailAccount account = anImapAccount(owner).build();
    accounts().insert(account);
    return account;
  }

  private EmailMessage stored(EmailMessage message) {
    assertThat(messages().insertIfAbsent(message)).isTrue();
    return message;
  }

  private Function<PageRequest, Page<EmailMessage>> listOf(UserId owner) {
    return page -> messages().list(new MessageQuery(owner, null, null, null, null, null, null, null, page));
  }

  private List<EmailMessage> query(UserId owner, EmailAccountId account, Category category, Boolean flagged,
      Boolean processed, Instant from, Instant before, String text) {
    return messages().list(new MessageQuery(owner, account, category, flagged, processed, from, before, text,
        PageRequest.first(PageRequest.MAX_LIMIT))).items();
  }

  @Test
  default void storesEveryField() {
    EmailMessage message = stored(aMessage(storedAccount()).build());

    assertThat(messages().findById(message.userId(), message.id())).contains(message);
    assertThat(messages().findByProviderId(message.accountId(), message.providerMessageId())).contains(message);
  }

  @Test
  default void storesAMessageWithEveryOptionalFieldEmpty() {
    EmailMessage message = stored(aMessage(storedAccount()).bare().build());

    assertThat(messages().findById(message.userId(), message.id())).contains(message);
  }

  @Test
  default void keepsTheFirstMessageOfAProviderId() {
    EmailMessage first = stored(aMessage(storedAccount()).build());
    EmailMessage sameProviderId = new EmailMessage(EmailMessageId.random(), first.accountId(), first.userId(),
        first.providerMessageId(), null, null, null, null, null, "other", first.receivedAt(), null, null, null, 0,
        null, null, Triage.PENDING, first.createdAt(), first.updatedAt());

    assertThat(messages().insertIfAbsent(sameProviderId)).isFalse();

    assertThat(messages().findById(first.userId(), sameProviderId.id())).isEmpty();
    assertThat(messages().findByProviderId(first.accountId(), first.providerMessageId())).contains(first);
  }

  @Test
  default void acceptsTheSameProviderIdInAnotherAccount() {
    EmailMessage first = stored(aMessage(storedAccount()).build());
    EmailAccount other = storedAccount(first.userId());
    EmailMessage second = stored(aMessage(other).providerMessageId(first.providerMessageId()).build());

    assertThat(messages().findByProviderId(other.id(), first.providerMessageId())).contains(second);
    assertThat(messages().findByProviderId(first.accountId(), first.providerMessageId())).contains(first);
  }

  @Test
  default void findsNothingForUnknownKeys() {
    EmailAccount account = storedAccount();

    assertThat(messages().findById(account.userId(), EmailMessageId.random())).isEmpty();
    assertThat(messages().findByProviderId(account.id(), "unknown")).isEmpty();
  }

  @Test
  default void hidesAMessageFromOtherUsers() {
    EmailMessage message = stored(aMessage(storedAccount()).build());
    UserId stranger = storedAccount().userId();

    assertThat(messages().findById(stranger, message.id())).isEmpty();
    assertThat(query(stranger, null, null, null, null, null, null, null)).isEmpty();
    assertThat(query(stranger, message.accountId(), null, null, null, null, null, null)).isEmpty();
  }

  @Test
  default void updatesTriageAndLabels() {
    EmailMessage message = stored(aMessage(storedAccount()).bare().build());
    EmailMessage changed = message
        .withTriage(Triage.PENDING.classified(new Category("invoices"), 0.5, false, List.of("mentions an amount"),
            TestTimes.at(600)).withFlagged(true).withAutoReplySent(), TestTimes.at(600))
        .withLabels(List.of("INBOX", "Finance"), TestTimes.at(601));

    messages().update(changed);

    assertThat(messages().findById(message.userId(), message.id())).contains(changed);
  }

  @Test
  default void marksTheAutoReplySentAndNothingElse() {
    EmailMessage message = stored(aMessage(storedAccount()).triage(new Triage(Category.IMPORTANT, 0.9, true, true,
        false, true, TestTimes.at(20), List.of("a colleague"))).build());
    UserId stranger = storedAccount().userId();

    messages().markAutoReplySent(stranger, message.id());
    assertThat(messages().findById(message.userId(), message.id())).contains(message);
    messages().markAutoReplySent(message.userId(), message.id());

    assertThat(messages().findById(message.userId(), message.id()))
        .contains(message.withTriage(message.triage().withAutoReplySent(), message.updatedAt()));
  }

  @Test
  default void ignoresAnUpdateThatNamesAnotherOwner() {
    EmailMessage message = stored(aMessage(storedAccount()).build());
    EmailAccount strangers = storedAccount();
    EmailMessage hijacked = new EmailMessage(message.id(), strangers.id(), strangers.userId(),
        message.providerMessageId(), null, null, null, null, null, "hijacked", message.receivedAt(), null, null,
        null, 0, null, null, Triage.PENDING, message.createdAt(), TestTimes.at(700));

    messages().update(hijacked);

    assertThat(messages().findById(message.userId(), message.id())).contains(message);
    assertThat(messages().findById(strangers.userId(), message.id())).isEmpty();
  }

  @Test
  default void updateOfAnUnknownMessageStoresNothing() {
    EmailMessage ghost = aMessage(storedAccount()).build();

    messages().update(ghost);

    assertThat(messages().findById(ghost.userId(), ghost.id())).isEmpty();
  }

  @Test
  default void listsNewestFirstWithTiesBrokenByIdDescending() {
    EmailAccount account = storedAccount();
    Instant tie = TestTimes.at(100);
    EmailMessage oldest = stored(aMessage(account).receivedAt(TestTimes.at(50)).build());
    EmailMessage tieLow = stored(aMessage(account).id(TestIds.withoutHighBit()).receivedAt(tie).build());
    EmailMessage newest = stored(aMessage(account).receivedAt(TestTimes.at(200)).build());
    EmailMessage tieHigh = stored(aMessage(account).id(TestIds.withHighBit()).receivedAt(tie).build());

    assertThat(Paging.allItems(listOf(account.userId()), 10)).containsExactly(newest, tieHigh, tieLow, oldest);
  }

  @Test
  default void pagesThroughEveryMessageOnce() {
    EmailAccount account = storedAccount();
    Instant tie = TestTimes.at(100);
    EmailMessage first = stored(aMessage(account).receivedAt(TestTimes.at(300)).build());
    EmailMessage second = stored(aMessage(account).id(TestIds.withHighBit()).receivedAt(tie).build());
    EmailMessage third = stored(aMessage(account).id(TestIds.withoutHighBit()).receivedAt(tie).build());
    EmailMessage fourth = stored(aMessage(account).receivedAt(TestTimes.at(50)).build());
    EmailMessage fifth = stored(aMessage(account).receivedAt(TestTimes.at(10)).build());

    List<Page<EmailMessage>> pages = Paging.allPages(listOf(account.userId()), 2);

    assertThat(pages).extracting(Page::items)
        .containsExactly(List.of(first, second), List.of(third, fourth), List.of(fifth));
    assertThat(pages.get(2).nextCursor()).isNull();
  }

  @Test
  default void endsWithoutACursorWhenTheLastPageIsFull() {
    EmailAccount account = storedAccount();
    stored(aMessage(account).receivedAt(TestTimes.at(1)).build());
    stored(aMessage(account).receivedAt(TestTimes.at(2)).build());

    Page<EmailMessage> page = listOf(account.userId()).apply(PageRequest.first(2));

    assertThat(page.items()).hasSize(2);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  default void returnsAnEmptyPageForAUserWithoutMessages() {
    Page<EmailMessage> page = listOf(storedAccount().userId()).apply(PageRequest.first(5));

    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  default void rejectsAMalformedCursor() {
    UserId owner = storedAccount().userId();

    assertThatThrownBy(() -> listOf(owner).apply(new PageRequest(5, "not a cursor")))
        .isInstanceOf(DomainValidationException.class);
  }

  @Test
  default void filtersByAccountCategoryFlagAndProcessing() {
    EmailAccount account = storedAccount();
    EmailAccount other = storedAccount(account.userId());
    Instant t = TestTimes.at(1000);
    Triage important = Triage.PENDING.classified(Category.IMPORTANT, 0.9, true, List.of(), t);
    EmailMessage pending = stored(aMessage(account).triage(Triage.PENDING).receivedAt(TestTimes.at(1)).build());
    EmailMessage flagged = stored(aMessage(account).triage(important.withFlagged(true))
        .receivedAt(TestTimes.at(2)).build());
    EmailMessage spam = stored(aMessage(other)
        .triage(Triage.PENDING.classified(Category.SPAM, 0.99, false, List.of(), t))
        .receivedAt(TestTimes.at(3)).build());
    EmailMessage unflagged = stored(aMessage(other).triage(important).receivedAt(TestTimes.at(4)).build());
    UserId owner = account.userId();

    assertThat(query(owner, account.id(), null, null, null, null, null, null)).containsExactly(flagged, pending);
    assertThat(query(owner, other.id(), null, null, null, null, null, null)).containsExactly(unflagged, spam);
    assertThat(query(owner, null, Category.IMPORTANT, null, null, null, null, null))
        .containsExactly(unflagged, flagged);
    assertThat(query(owner, other.id(), Category.IMPORTANT, null, null, null, null, null))
        .containsExactly(unflagged);
    assertThat(query(owner, null, Category.NEWSLETTER, null, null, null, null, null)).isEmpty();
    assertThat(query(owner, null, null, true, null, null, null, null)).containsExactly(flagged);
    assertThat(query(owner, null, null, false, null, null, null, null)).containsExactly(unflagged, spam, pending);
    assertThat(query(owner, null, null, null, false, null, null, null)).containsExactly(pending);
    assertThat(query(owner, null, null, null, true, null, null, null)).containsExactly(unflagged, spam, flagged);
  }

  @Test
  default void filtersByReceivedTimeFromInclusiveBeforeExclusive() {
    EmailAccount account = storedAccount();
    EmailMessage early = stored(aMessage(account).receivedAt(TestTimes.at(10)).build());
    EmailMessage middle = stored(aMessage(account).receivedAt(TestTimes.at(20)).build());
    EmailMessage late = stored(aMessage(account).receivedAt(TestTimes.at(30)).build());
    UserId owner = account.userId();

    assertThat(query(owner, null, null, null, null, TestTimes.at(20), null, null)).containsExactly(late, middle);
    assertThat(query(owner, null, null, null, null, null, TestTimes.at(20), null)).containsExactly(early);
    assertThat(query(owner, null, null, null, null, TestTimes.at(10), TestTimes.at(30), null))
        .containsExactly(middle, early);
  }

  @Test
  default void matchesTextInSubjectOrSenderIgnoringCase() {
    EmailAccount account = storedAccount();
    EmailMessage bySubject = stored(aMessage(account).subject("Your INVOICE for March").from("billing@shop.example")
        .receivedAt(TestTimes.at(1)).build());
    EmailMessage bySender = stored(aMessage(account).subject("Hello").from("Invoices Team <team@example.org>")
        .receivedAt(TestTimes.at(2)).build());
    stored(aMessage(account).subject("Lunch?").from("bob@example.org").receivedAt(TestTimes.at(3)).build());
    stored(aMessage(account).bare().receivedAt(TestTimes.at(4)).build());

    assertThat(query(account.userId(), null, null, null, null, null, null, "invoice"))
        .containsExactly(bySender, bySubject);
  }

  @Test
  default void matchesTextLiterallyWithoutWildcards() {
    EmailAccount account = storedAccount();
    EmailMessage percent = stored(aMessage(account).subject("50% off").receivedAt(TestTimes.at(1)).build());
    EmailMessage underscore = stored(aMessage(account).subject("file_name").receivedAt(TestTimes.at(2)).build());
    EmailMessage backslash = stored(aMessage(account).subject("C:\\temp").receivedAt(TestTimes.at(3)).build());
    stored(aMessage(account).subject("500 off; filename; C:temp").receivedAt(TestTimes.at(4)).build());
    UserId owner = account.userId();

    assertThat(query(owner, null, null, null, null, null, null, "0%")).containsExactly(percent);
    assertThat(query(owner, null, null, null, null, null, null, "e_n")).containsExactly(underscore);
    assertThat(query(owner, null, null, null, null, null, null, ":\\t")).containsExactly(backslash);
  }

  @Test
  default void pagesThroughAFilteredList() {
    EmailAccount account = storedAccount();
    Triage flaggedTriage = Triage.PENDING.withFlagged(true);
    EmailMessage a = stored(aMessage(account).triage(flaggedTriage).receivedAt(TestTimes.at(5)).build());
    stored(aMessage(account).triage(Triage.PENDING).receivedAt(TestTimes.at(4)).build());
    EmailMessage b = stored(aMessage(account).triage(flaggedTriage).receivedAt(TestTimes.at(3)).build());
    EmailMessage c = stored(aMessage(account).triage(flaggedTriage).receivedAt(TestTimes.at(2)).build());

    List<EmailMessage> all = Paging.allItems(page -> messages().list(
        new MessageQuery(account.userId(), null, null, true, null, null, null, null, page)), 1);

    assertThat(all).containsExactly(a, b, c);
  }

  @Test
  default void deletingTheOwnerDeletesTheMessages() {
    EmailMessage message = stored(aMessage(storedAccount()).build());
    EmailMessage other = stored(aMessage(storedAccount()).build());

    users().delete(message.userId());

    assertThat(messages().findById(message.userId(), message.id())).isEmpty();
    assertThat(messages().findByProviderId(message.accountId(), message.providerMessageId())).isEmpty();
    assertThat(messages().findById(other.userId(), other.id())).contains(other);
  }

  @Test
  default void findsAMessageForTheSystemWhoeverOwnsIt() {
    EmailMessage message = stored(aMessage(storedAccount()).build());

    assertThat(messages().findForSystem(message.id())).contains(message);
    assertThat(messages().findForSystem(EmailMessageId.random())).isEmpty();
  }

  private static UUID uuid(int n) {
    return new UUID(0, n);
  }

  private static List<AppliedRule> appliedRules() {
    return List.of(
        new AppliedRule(new AutoReplyRuleId(uuid(1)), 3, "clients",
            List.of("from ends_with \"@client.example\" (matched \"ann@client.example\")"),
            List.of(new AppliedRule.Action("flag", Map.of()),
                new AppliedRule.Action("label", Map.of("value", "clients")),
                new AppliedRule.Action("auto_reply", Map.of("template", uuid(9).toString(),
                    "period_days", "7")))),
        new AppliedRule(new AutoReplyRuleId(uuid(2)), 1, "stop here", List.of(),
            List.of(new AppliedRule.Action("stop", Map.of()))));
  }

  @Test
  default void savesTheTriageWithTheRulesThatFiredAndNothingElse() {
    EmailMessage message = stored(aMessage(storedAccount()).bare().build());
    // the reply side marked the auto-reply sent meanwhile: a triage does not undo that
    EmailMessage replied = message.withTriage(message.triage().withAutoReplySent(), TestTimes.at(500));
    messages().update(replied);
    Triage triage = Triage.PENDING.classified(Category.IMPORTANT, 0.75, true, List.of("asks a question"),
        TestTimes.at(600)).withFlagged(true);
    EmailMessage triaged = message.withTriage(triage, TestTimes.at(600)).withLabels(List.of("ignored"),
        TestTimes.at(600));

    messages().saveTriage(triaged, appliedRules());

    EmailMessage expected = replied.withTriage(new Triage(Category.IMPORTANT, 0.75, true, true, true, true,
        TestTimes.at(600), List.of("asks a question")), TestTimes.at(600));
    assertThat(messages().findById(message.userId(), message.id())).contains(expected);
    assertThat(messages().ruleApplications(message.userId(), message.id())).isEqualTo(appliedRules());

    messages().saveTriage(triaged, List.of());
    assertThat(messages().ruleApplications(message.userId(), message.id())).isEmpty();
  }

  @Test
  default void aPlainUpdateKeepsTheRulesThatFired() {
    EmailMessage message = stored(aMessage(storedAccount()).bare().build());
    messages().saveTriage(message, appliedRules());

    messages().update(message.withLabels(List.of("Later"), TestTimes.at(900)));

    assertThat(messages().ruleApplications(message.userId(), message.id())).isEqualTo(appliedRules());
  }

  @Test
  default void savesNoTriageForAnotherOwnerAndShowsThemNoRules() {
    EmailMessage message = stored(aMessage(storedAccount()).bare().build());
    messages().saveTriage(message, appliedRules());
    EmailAccount strangers = storedAccount();
    EmailMessage hijacked = new EmailMessage(message.id(), strangers.id(), strangers.userId(),
        message.providerMessageId(), null, null, null, null, null, "hijacked", message.receivedAt(), null, null,
        null, 0, null, null, Triage.PENDING.classified(Category.SPAM, 1.0, false, List.of(), TestTimes.at(700)),
        message.createdAt(), TestTimes.at(700));

    messages().saveTriage(hijacked, List.of());

    assertThat(messages().findById(message.userId(), message.id())).contains(message);
    assertThat(messages().ruleApplications(message.userId(), message.id())).isEqualTo(appliedRules());
    assertThat(messages().ruleApplications(strangers.userId(), message.id())).isEmpty();
    assertThat(messages().ruleApplications(message.userId(), EmailMessageId.random())).isEmpty();
  }
}
