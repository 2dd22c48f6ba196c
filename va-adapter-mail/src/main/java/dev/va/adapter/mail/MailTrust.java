package dev.va.adapter.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificates IMAP and SMTP servers may present over TLS. By default the JDK's trust store; {@link #adding}
 * also trusts the certificates of a file (a private CA, a self-signed server), still with full chain and host name
 * checks. There is deliberately no way to trust every certificate.
 */
public final class MailTrust {
  private final SSLSocketFactory sockets;
  private final String description;

  private MailTrust(SSLSocketFactory sockets, String description) {
    this.sockets = sockets;
    this.description = description;
  }

  /** The JDK's default trust store: public CAs only. */
  public static MailTrust system() {
    return new MailTrust(null, "the JDK's trust store");
  }

  /**
   * The JDK's trust store plus every certificate in {@code file}: PEM or DER X.509 certificates (a CA bundle), or a
   * PKCS#12 or JKS key store whose certificate entries are trusted.
   *
   * @param password of a key store; null when the file holds certificates or the store has no password
   * @throws IllegalArgumentException naming what is wrong with the file
   */
  public static MailTrust adding(Path file, char[] password) {
    List<X509Certificate> extra = read(file, password);
    if (extra.isEmpty()) throw new IllegalArgumentException(file + " holds no certificate");
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      int n = 0;
      for (X509Certificate ca : systemTrust().getAcceptedIssuers()) anchors.setCertificateEntry("system-" + n++, ca);
      for (X509Certificate ca : extra) anchors.setCertificateEntry("extra-" + n++, ca);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(anchors);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return new MailTrust(context.getSocketFactory(), "the JDK's trust store and " + file);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS with " + file + ": " + e.getMessage(), e);
    }
  }

  /** The socket factory for TLS (also after STARTTLS); empty: the JDK's default. */
  public Optional<SSLSocketFactory> socketFactory() {
    return Optional.ofNullable(sockets);
  }

  @Override
  public String toString() {
    return description;
  }

  private static List<X509Certificate> read(Path file, char[] password) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(file + " is not a readable file");
    }
    try {
      return keyStoreCertificates(file, password);
    } catch (IOException | GeneralSecurityException notAKeyStore) {
      try (InputStream in = Files.newInputStream(file)) {
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
            .generateCertificates(in);
        List<X509Certificate> result = new ArrayList<>();
        for (Certificate c : certificates) result.add((X509Certificate) c);
        return result;
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException(file + " is neither a key store (PKCS#12, JKS) that opens with the given"
            + " password nor PEM or DER certificates", e);
      }
    }
  }

  private static List<X509Certificate> keyStoreCertificates(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(file.toFile(), password);
    List<X509Certificate> result = new ArrayList<>();
    for (String alias : Collections.list(store.aliases())) {
      if (store.getCertificate(alias) instanceof X509Certificate c) result.add(c);
    }
    return result;
  }

  private static X509TrustManager systemTrust() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) return x509;
    }
    throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
  }
}
