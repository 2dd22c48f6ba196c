package dev.va.bootstrap.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Mail servers.
 *
 * @param imapIdle whether this process keeps an IMAP IDLE connection per IMAP and Outlook account and syncs as soon
 *     as mail arrives (the scheduled sync stays); off by default
 * @param tlsTrustFile certificates (PEM or DER, or a PKCS#12/JKS store) trusted over TLS and STARTTLS besides the
 *     JDK's trust store: a private CA, a self-signed server
 * @param tlsTrustPassword password of a trust store file, when it has one
 */
public record MailConfig(boolean imapIdle, Optional<Path> tlsTrustFile, Optional<String> tlsTrustPassword) {

  public static MailConfig defaults() {
    return new MailConfig(false, Optional.empty(), Optional.empty());
  }

  @Override
  public String toString() {
    return "MailConfig[imapIdle=" + imapIdle + ", tlsTrustFile=" + tlsTrustFile.map(Path::toString).orElse("none")
        + ", tlsTrustPassword=" + tlsTrustPassword.map(s -> "***").orElse("none") + "]";
  }
}
