package dev.va.adapter.mail.imap;

import dev.va.adapter.mail.MailSettings;
import dev.va.adapter.mail.oauth.OAuthCredentials;
import dev.va.adapter.mail.oauth.OAuthTokenSource;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.ServerEndpoint;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Jakarta Mail sessions and connections for an account: security, timeouts and authentication from settings. With
 * XOAUTH2 the secret is the account's {@link OAuthCredentials}: with a token source, an access token about to expire
 * is refreshed before connecting, and a refused one is refreshed once and the login tried again.
 */
final class MailSessions {
  private final MailSettings settings;
  private final TokenCipher cipher;
  private final ImapAuth auth;
  private final OAuthTokenSource tokens;

  /** @param tokens XOAUTH2 only; null: the stored access token is used as it is */
  MailSessions(MailSettings settings, TokenCipher cipher, ImapAuth auth, OAuthTokenSource tokens) {
    this.settings = settings;
    this.cipher = cipher;
    this.auth = auth;
    this.tokens = tokens;
  }

  private interface Login<T> {
    T connect(String secret) throws MessagingException;
  }

  /** A connected IMAP store; the caller closes it. */
  IMAPStore imap(EmailAccount account) {
    return imap(account, settings.readTimeout(), null, null);
  }

  /**
   * A connected IMAP store for a long-lived connection: reads time out after {@code readTimeout}, its sockets come
   * from {@code sockets} so that another thread can cut it, and folder events run on {@code events} rather than on
   * a thread of Jakarta Mail's own.
   */
  IMAPStore imap(EmailAccount account, Duration readTimeout, TrackedSockets sockets, Executor events) {
    ServerEndpoint endpoint = account.imap();
    if (endpoint == null) throw new MailProviderException("account has no IMAP server", false, null);
    Properties props = properties("imap", endpoint);
    props.put("mail.imap.timeout", String.valueOf(readTimeout.toMillis()));
    if (sockets != null) {
      props.put("mail.imap.socketFactory", sockets.plain());
      props.put("mail.imap.ssl.socketFactory", sockets.tls(tlsSockets()));
    }
    if (events != null) props.put("mail.event.executor", events);
    Session session = Session.getInstance(props);
    return login(account, "IMAP", secret -> {
      IMAPStore store = (IMAPStore) session.getStore("imap");
      store.connect(endpoint.host(), endpoint.port(), username(account), secret);
      return store;
    });
  }

  /** A session for SMTP on the account's server. */
  Session smtpSession(EmailAccount account) {
    return Session.getInstance(properties("smtp", smtpEndpoint(account)));
  }

  /** A connected SMTP transport; the caller closes it. */
  Transport smtp(EmailAccount account, Session session) {
    ServerEndpoint endpoint = smtpEndpoint(account);
    return login(account, "SMTP", secret -> {
      Transport transport = session.getTransport("smtp");
      transport.connect(endpoint.host(), endpoint.port(), username(account), secret);
      return transport;
    });
  }

  private <T> T login(EmailAccount account, String server, Login<T> login) {
    if (auth == ImapAuth.PASSWORD) return connect(server, login, secret(account));
    OAuthCredentials credentials = tokens != null ? tokens.current(account) : storedToken(account);
    try {
      return login.connect(credentials.accessToken());
    } catch (AuthenticationFailedException e) {
      if (tokens == null || !credentials.refreshable()) throw refused(server, e);
      return connect(server, login, tokens.refreshAfterRefusal(account, credentials).accessToken());
    } catch (MessagingException e) {
      throw unreachable(server, e);
    }
  }

  private static <T> T connect(String server, Login<T> login, String secret) {
    try {
      return login.connect(secret);
    } catch (AuthenticationFailedException e) {
      throw refused(server, e);
    } catch (MessagingException e) {
      throw unreachable(server, e);
    }
  }

  private static MailProviderException refused(String server, AuthenticationFailedException e) {
    return new MailProviderException(server + " server refused the credentials: " + e.getMessage(), true, e);
  }

  private static MailProviderException unreachable(String server, MessagingException e) {
    return new MailProviderException("cannot connect to the " + server + " server: " + e.getMessage(), false, e);
  }

  private OAuthCredentials storedToken(EmailAccount account) {
    try {
      return OAuthCredentials.parse(secret(account));
    } catch (IllegalArgumentException e) {
      throw new MailProviderException("stored credentials cannot be read", true, e);
    }
  }

  private static ServerEndpoint smtpEndpoint(EmailAccount account) {
    if (account.smtp() == null) throw new MailProviderException("account has no SMTP server", false, null);
    return account.smtp();
  }

  Properties properties(String protocol, ServerEndpoint endpoint) {
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
    // used for TLS from the start and after STARTTLS alike
    settings.trust().socketFactory().ifPresent(factory -> props.put(p + "ssl.socketFactory", factory));
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

  private SSLSocketFactory tlsSockets() {
    return settings.trust().socketFactory().orElseGet(() -> (SSLSocketFactory) SSLSocketFactory.getDefault());
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
