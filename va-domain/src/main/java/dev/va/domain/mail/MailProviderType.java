package dev.va.domain.mail;

/** How va talks to a mailbox. */
public enum MailProviderType {
  GMAIL,
  OUTLOOK,
  IMAP
}
