package dev.va.application.fake;

import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.MailProviderContract;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.List;

class InMemoryMailProviderTest implements MailProviderContract {
  private static final String ADDRESS = "me@example.com";
  private static final String PASSWORD = "correct-password";

  private final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("key-1"));
  private final InMemoryMailProvider provider =
      new InMemoryMailProvider(MailProviderType.IMAP, cipher, new SettableClock(Instant.parse("2025-06-02T10:00:00Z")),
          50);
  private final EmailAccountId id = EmailAccountId.random();
  private final UserId owner = UserId.random();

  InMemoryMailProviderTest() {
    provider.createMailbox(ADDRESS, PASSWORD);
  }

  private EmailAccount account(String password) {
    Instant now = Instant.parse("2025-06-01T00:00:00Z");
    return new EmailAccount(id, owner, MailProviderType.IMAP, EmailAddress.of(ADDRESS), "Me",
        new ServerEndpoint("imap.example.com", 993, ServerEndpoint.Security.TLS),
        new ServerEndpoint("smtp.example.com", 587, ServerEndpoint.Security.STARTTLS), null, cipher.encrypt(password),
        AccountStatus.ACTIVE, null, null, null, 0, null, now, now);
  }

  @Override
  public MailProvider provider() {
    return provider;
  }

  @Override
  public EmailAccount account() {
    return account(PASSWORD);
  }

  @Override
  public EmailAccount accountWithWrongCredentials() {
    return account("wrong-password");
  }

  @Override
  public void deliver(String rawMessage) {
    provider.deliver(ADDRESS, rawMessage);
  }

  @Override
  public String folderOf(String messageIdHeader) {
    return provider.folderOf(ADDRESS, messageIdHeader);
  }

  @Override
  public boolean isFlaggedOnServer(String messageIdHeader) {
    return provider.isFlagged(ADDRESS, messageIdHeader);
  }

  @Override
  public boolean isSeenOnServer(String messageIdHeader) {
    return provider.isSeen(ADDRESS, messageIdHeader);
  }

  @Override
  public String archiveFolder() {
    return InMemoryMailProvider.ARCHIVE;
  }
}
