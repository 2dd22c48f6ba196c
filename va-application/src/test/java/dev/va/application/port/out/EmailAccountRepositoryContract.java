package dev.va.application.port.out;

import static dev.va.application.fixture.EmailAccountBuilder.aGmailAccount;
import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static dev.va.application.fixture.EmailMessageBuilder.aMessage;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fixture.TestTimes;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.shared.EncryptedSecret;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link EmailAccountRepository} shares. */
public interface EmailAccountRepositoryContract {
  EmailAccountRepository accounts();

  /** Where owners are stored first, so stores with foreign keys accept the accounts. */
  UserRepository users();

  /** Where messages of the accounts are stored, to check they go with their account. */
  EmailMessageRepository messages();

  private UserId storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user.id();
  }

  private EmailAccount stored(EmailAccount account) {
    accounts().insert(account);
    return account;
  }

  @Test
  default void storesEveryFieldOfAnImapAccount() {
    EmailAccount account = stored(anImapAccount(storedUser()).build());

    assertThat(accounts().findById(account.userId(), account.id())).contains(account);
  }

  @Test
  default void storesAnAccountWithEveryOptionalFieldEmpty() {
    EmailAccount account = stored(aGmailAccount(storedUser()).build());

    assertThat(accounts().findById(account.userId(), account.id())).contains(account);
  }

  @Test
  default void rejectsAnAddressTheUserAlreadyConnected() {
    UserId owner = storedUser();
    EmailAccount first = stored(anImapAccount(owner).build());

    assertThatThrownBy(() -> accounts().insert(aGmailAccount(owner).address(first.address().value()).build()))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("address"));
    assertThat(accounts().listByUser(owner)).containsExactly(first);
  }

  @Test
  default void letsTwoUsersConnectTheSameAddress() {
    EmailAccount first = stored(anImapAccount(storedUser()).build());
    EmailAccount second = stored(aGmailAccount(storedUser()).address(first.address().value()).build());

    assertThat(accounts().findById(second.userId(), second.id())).contains(second);
  }

  @Test
  default void hidesAnAccountFromOtherUsers() {
    EmailAccount account = stored(anImapAccount(storedUser()).build());
    UserId stranger = storedUser();

    assertThat(accounts().findById(stranger, account.id())).isEmpty();
    assertThat(accounts().listByUser(stranger)).isEmpty();
    assertThat(accounts().delete(stranger, account.id())).isFalse();
    assertThat(accounts().findById(account.userId(), account.id())).contains(account);
  }

  @Test
  default void findsNothingForAnUnknownId() {
    assertThat(accounts().findById(storedUser(), EmailAccountId.random())).isEmpty();
    assertThat(accounts().findForSystem(EmailAccountId.random())).isEmpty();
  }

  @Test
  default void systemWorkFindsAnAccountByItsIdAlone() {
    EmailAccount account = stored(anImapAccount(storedUser()).build());
    stored(anImapAccount(storedUser()).build());

    assertThat(accounts().findForSystem(account.id())).contains(account);
    accounts().delete(account.userId(), account.id());
    assertThat(accounts().findForSystem(account.id())).isEmpty();
  }

  @Test
  default void listsTheAccountsOfAUserOldestFirst() {
    UserId owner = storedUser();
    EmailAccount newest = stored(aGmailAccount(owner).createdAt(TestTimes.at(20)).build());
    EmailAccount oldest = stored(anImapAccount(owner).createdAt(TestTimes.at(5)).build());
    EmailAccount middle = stored(aGmailAccount(owner).createdAt(TestTimes.at(10)).build());
    stored(aGmailAccount(storedUser()).build());

    assertThat(accounts().listByUser(owner)).containsExactly(oldest, middle, newest);
  }

  @Test
  default void listsTheAccountsOfEveryUser() {
    EmailAccount first = stored(anImapAccount(storedUser()).build());
    EmailAccount second = stored(aGmailAccount(storedUser()).build());

    assertThat(accounts().listAll()).contains(first, second);
  }

  @Test
  default void updatesAnAccount() {
    EmailAccount account = stored(anImapAccount(storedUser()).build());
    EmailAccount changed = account.synced("uidvalidity=7;uid=99", TestTimes.at(400))
        .withCredentials(new EncryptedSecret("v1:rotated"), TestTimes.at(401));

    accounts().update(changed);

    assertThat(accounts().findById(account.userId(), account.id())).contains(changed);
  }

  @Test
  default void updatesAnAccountToEmptyOptionalFields() {
    EmailAccount account = stored(anImapAccount(storedUser()).build());
    EmailAccount changed = new EmailAccount(account.id(), account.userId(), account.provider(), account.address(),
        null, account.imap(), null, null, null, AccountStatus.DISABLED, null, null, null, 0, null,
        account.createdAt(), TestTimes.at(500));

    accounts().update(changed);

    assertThat(accounts().findById(account.userId(), account.id())).contains(changed);
  }

  @Test
  default void rejectsAnUpdateToAnAddressTheUserAlreadyConnected() {
    UserId owner = storedUser();
    EmailAccount taken = stored(anImapAccount(owner).build());
    EmailAccount account = stored(aGmailAccount(owner).build());
    EmailAccount changed = new EmailAccount(account.id(), owner, account.provider(), taken.address(),
        account.displayName(), account.imap(), account.smtp(), account.username(), account.credentials(),
        account.status(), account.syncCursor(), account.lastSyncAt(), account.lastError(), account.syncFailures(),
        account.lastAttemptAt(), account.createdAt(), TestTimes.at(500));

    assertThatThrownBy(() -> accounts().update(changed))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("address"));
    assertThat(accounts().findById(owner, account.id())).contains(account);
  }

  @Test
  default void ignoresAnUpdateThatNamesAnotherOwner() {
    EmailAccount account = stored(anImapAccount(storedUser()).build());
    UserId stranger = storedUser();
    EmailAccount hijacked = new EmailAccount(account.id(), stranger, account.provider(),
        EmailAddress.of("thief@example.org"), null, account.imap(), null, null, null, AccountStatus.ACTIVE, null,
        null, null, 0, null, account.createdAt(), TestTimes.at(500));

    accounts().update(hijacked);

    assertThat(accounts().findById(account.userId(), account.id())).contains(account);
    assertThat(accounts().findById(stranger, account.id())).isEmpty();
  }

  @Test
  default void updateOfAnUnknownAccountStoresNothing() {
    EmailAccount ghost = anImapAccount(storedUser()).build();

    accounts().update(ghost);

    assertThat(accounts().findById(ghost.userId(), ghost.id())).isEmpty();
  }

  @Test
  default void deletesAnAccountWithItsMessages() {
    EmailAccount account = stored(anImapAccount(storedUser()).build());
    EmailAccount sibling = stored(aGmailAccount(account.userId()).build());
    EmailMessage message = aMessage(account).build();
    EmailMessage kept = aMessage(sibling).build();
    messages().insertIfAbsent(message);
    messages().insertIfAbsent(kept);

    assertThat(accounts().delete(account.userId(), account.id())).isTrue();
    assertThat(accounts().delete(account.userId(), account.id())).isFalse();

    assertThat(accounts().findById(account.userId(), account.id())).isEmpty();
    assertThat(messages().findById(account.userId(), message.id())).isEmpty();
    assertThat(messages().findByProviderId(account.id(), message.providerMessageId())).isEmpty();
    assertThat(messages().findById(account.userId(), kept.id())).contains(kept);
  }

  @Test
  default void deletingTheOwnerDeletesTheAccounts() {
    EmailAccount account = stored(anImapAccount(storedUser()).build());
    EmailAccount other = stored(anImapAccount(storedUser()).build());

    users().delete(account.userId());

    assertThat(accounts().findById(account.userId(), account.id())).isEmpty();
    assertThat(accounts().listByUser(account.userId())).isEmpty();
    assertThat(accounts().listAll()).doesNotContain(account).contains(other);
  }
}
