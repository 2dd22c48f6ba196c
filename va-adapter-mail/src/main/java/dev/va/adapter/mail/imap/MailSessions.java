package dev.va.adapter.mail.imap;

import dev.va.adapter.mail.MailSettings;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.ServerEndpoint;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;

/** Jakarta Mail sessions and connections for an account: security, timeouts and authentication from settings. */
final class MailSessions {
  private final MailSettings settings;
  private final TokenCipher cipher;
  private final ImapAuth auth;

  MailSessions(MailSettings settings, TokenCipher cipher, ImapAuth auth) {
    this.settings = settings;
    this.cipher = cipher;
    this.auth = auth;
  }

  /** A connected IMAP store; the caller closes it. */
  IMAPStore imap(EmailAccount account) {
    ServerEndpoint endpoint = account.imap();
    if (endpoint == null) throw new MailProviderException("account has no IMAP server", false, null);
    Session session = Session.getInstance(properties("imap", endpoint));
    try {
      IMAPStore store = (IMAPStore) session.getStore("imap");
      store.connect(endpoint.host(), endpoint.port(), username(account), secret(account));
      return store;
    } catch (AuthenticationFailedException e) {
      throw new MailProviderException("IMAP server refused the credentials: " + e.getMessage(), true, e);
    } catch (MessagingException e) {
      throw new MailProviderException("cannot connect to the IMAP server: " + e.getMessage(), false, e);
    }
  }

  /** A session for SMTP on the account's server. */
  Session smtpSession(EmailAccount account) {
    return Session.getInstance(properties("smtp", smtpEndpoint(account)));
  }

  /** A connected SMTP transport; the caller closes it. */
  Transport smtp(EmailAccount account, Session session) {
    ServerEndpoint endpoint = smtpEndpoint(account);
    try {
      Transport transport = session.getTransport("smtp");
      transport.connect(endpoint.host(), endpoint.port(), username(account), secret(account));
      return transport;
    } catch (AuthenticationFailedException e) {
      throw new MailProviderException("SMTP server refused the credentials: " + e.getMessage(), true, e);
    } catch (MessagingException e) {
      throw new MailProviderException("cannot connect to the SMTP server: " + e.getMessage(), false, e);
    }
  }

  private static ServerEndpoint smtpEndpoint(EmailAccount account) {
    if (account.smtp() == null) throw new MailProviderException("account has no SMTP server", false, null);
    return account.smtp();
  }

  private Properties properties(String protocol, ServerEndpoint endpoint) {
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put(p + "host", endpoint.host());
    props.put(p + "port", String.valueOf(endpoint.port()));
    props.put(p + "connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
    props.put(p + "timeout", String.valueOf(settings.readTimeout().toMillis()));
    props.put(p + "writetimeout", String.valueOf(settings.writeTimeout().toMillis()));
    switch (endpoint.security()) {
      case TLS -> {
        props.put(p + "ssl.enable", "true");
        props.put(p + "ssl.checkserveridentity", "true");
      }
      case STARTTLS -> {
        props.put(p + "starttls.enable", "true");
        props.put(p + "starttls.required", "true");
        props.put(p + "ssl.checkserveridentity", "true");
      }
      case NONE -> { }
    }
    if (auth == ImapAuth.XOAUTH2) {
      props.put(p + "auth.mechanisms", "XOAUTH2");
    }
    if (protocol.equals("smtp")) {
      props.put("mail.smtp.auth", "true");
    } else {
      props.put("mail.imap.peek", "true"); // reading a message must not mark it \Seen
    }
    return props;
  }

  private static String username(EmailAccount account) {
    return account.username() != null && !account.username().isBlank() ? account.username()
        : account.address().value();
  }

  private String secret(EmailAccount account) {
    if (account.credentials() == null) throw new MailProviderException("account has no credentials", true, null);
    try {
      return cipher.decrypt(account.credentials());
    } catch (IllegalArgumentException e) {
      // a secret that no configured key opens must be entered again, like a refused password
      throw new MailProviderException("stored credentials cannot be decrypted", true, e);
    }
  }
}
