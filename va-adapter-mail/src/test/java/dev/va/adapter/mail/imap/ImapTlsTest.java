package dev.va.adapter.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.va.adapter.mail.MailSettings;
import dev.va.adapter.mail.MailTrust;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.MailProvider.OutgoingMessage;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.mail.ServerEndpoint.Security;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.UserId;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync and send over TLS against GreenMail's IMAPS and SMTPS, trusting its test certificate through {@link MailTrust},
 * and refusing it without. GreenMail (2.1) offers no STARTTLS: that an account set to STARTTLS never falls back to
 * clear text is shown against its plain ports.
 */
class ImapTlsTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = GreenMailServer.tlsExtension();

  private final Clock clock = Clock.systemUTC();
  private final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("key-1"));
  private GreenMailServer server;

  @BeforeEach
  void setUp() {
    server = new GreenMailServer(GREEN_MAIL);
  }

  private static Path resource(String name) {
    try {
      return Path.of(ImapTlsTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private ImapMailProvider provider(MailTrust trust) {
    MailSettings settings = MailSettings.defaults().withTrust(trust);
    return new ImapMailProvider(MailProviderType.IMAP, ImapAuth.PASSWORD, new MimeIngest(settings.mime()), cipher,
        settings, clock);
  }

  private EmailAccount account(String host, int imapPort, int smtpPort, Security security) {
    Instant now = clock.instant();
    return new EmailAccount(EmailAccountId.random(), UserId.random(), MailProviderType.IMAP,
        EmailAddress.of(GreenMailServer.ADDRESS), "Me", new ServerEndpoint(host, imapPort, security),
        new ServerEndpoint(host, smtpPort, security), GreenMailServer.ADDRESS, cipher.encrypt(GreenMailServer.PASSWORD),
        AccountStatus.ACTIVE, null, null, null, 0, null, now, now);
  }

  private EmailAccount overTls() {
    return account("127.0.0.1", server.imapsPort(), server.smtpsPort(), Security.TLS);
  }

  private static OutgoingMessage reply() {
    return new OutgoingMessage(null, List.of(GreenMailServer.ADDRESS), List.of(), "Re: over TLS", "encrypted",
        "<tls-1@example.com>", List.of("<tls-1@example.com>"), Map.of());
  }

  @Test
  void syncsAndSendsOverTlsWithATrustedCertificateFile() throws Exception {
    ImapMailProvider provider = provider(MailTrust.adding(resource(GreenMailServer.TRUSTED), null));
    server.append("INBOX", "From: a@example.com\nTo: me@example.com\nSubject: secret\nMessage-ID: <tls-1@example.com>"
        + "\n\nover TLS\n", Date.from(clock.instant()));
    EmailAccount account = overTls();

    provider.checkConnection(account);
    assertThat(provider.sync(account, null).messages()).extracting(EmailMessage::subject).containsExactly("secret");
    String id = provider.send(account, reply());

    assertThat(server.messages("INBOX")).extracting(m -> m.message().getMessageID()).contains(id);
    assertThat(server.messages("Sent")).extracting(m -> m.message().getMessageID()).containsExactly(id);
  }

  @Test
  void aKeyStoreWorksAsTrustFileAndTheHostNameMayBeTheCertificatesName() {
    ImapMailProvider provider = provider(MailTrust.adding(resource("/greenmail.p12"), "changeit".toCharArray()));

    provider.checkConnection(account("localhost", server.imapsPort(), server.smtpsPort(), Security.TLS));
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    ImapMailProvider provider = provider(MailTrust.system());

    assertThatThrownBy(() -> provider.checkConnection(overTls()))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isFalse());
    assertThatThrownBy(() -> provider.send(overTls(), reply())).isInstanceOf(MailProviderException.class);
    assertThat(server.messages("INBOX")).isEmpty();
  }

  @Test
  void starttlsIsRequiredAndAServerWithoutItIsNotUsedInClearText() {
    ImapMailProvider provider = provider(MailTrust.adding(resource(GreenMailServer.TRUSTED), null));
    EmailAccount starttls = account("127.0.0.1", server.imapPort(), server.smtpPort(), Security.STARTTLS);

    assertThatThrownBy(() -> provider.checkConnection(starttls))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isFalse())
        .hasMessageContaining("STARTTLS");
    assertThatThrownBy(() -> provider.send(starttls, reply()))
        .isInstanceOf(MailProviderException.class).hasMessageContaining("STARTTLS");
    assertThat(server.messages("INBOX")).isEmpty();
  }

  @Test
  void sessionsDemandStarttlsAndCheckTheServersName() {
    MailSessions sessions = new MailSessions(MailSettings.defaults(), cipher, ImapAuth.PASSWORD, null);
    for (String protocol : List.of("imap", "smtp")) {
      Properties props = sessions.properties(protocol, new ServerEndpoint("mail.example.com", 587, Security.STARTTLS));
      assertThat(props).containsEntry("mail." + protocol + ".starttls.enable", "true")
          .containsEntry("mail." + protocol + ".starttls.required", "true")
          .containsEntry("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
  }

  @Test
  void aTrustFileMustHoldCertificates(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");

    assertThatThrownBy(() -> MailTrust.adding(dir.resolve("missing.pem"), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable file");
    assertThatThrownBy(() -> MailTrust.adding(empty, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MailTrust.adding(garbage, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MailTrust.adding(resource("/greenmail.p12"), "wrong".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
