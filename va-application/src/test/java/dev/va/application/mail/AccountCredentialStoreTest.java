package dev.va.application.mail;

import dev.va.application.fake.InMemoryEmailAccountRepository;
import dev.va.application.fake.InMemoryEmailMessageRepository;
import dev.va.application.fake.SettableClock;
import dev.va.application.fixture.EmailAccountBuilder;
import dev.va.application.port.out.CredentialStore;
import dev.va.application.port.out.CredentialStoreContract;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

class AccountCredentialStoreTest implements CredentialStoreContract {
  private final InMemoryEmailAccountRepository accounts =
      new InMemoryEmailAccountRepository(new InMemoryEmailMessageRepository());
  private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T10:00:00Z"));

  @Override
  public CredentialStore credentialStore() {
    return new AccountCredentialStore(accounts, clock);
  }

  @Override
  public EmailAccount storedAccount() {
    EmailAccount account = EmailAccountBuilder.anImapAccount(UserId.random()).build();
    accounts.insert(account);
    return account;
  }

  @Override
  public Optional<EmailAccount> reload(EmailAccount account) {
    return accounts.findById(account.userId(), account.id());
  }
}
