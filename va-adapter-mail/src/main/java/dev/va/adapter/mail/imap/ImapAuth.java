package dev.va.adapter.mail.imap;

/** How the decrypted account secret is presented to the servers. */
public enum ImapAuth {
  /** The secret is the account password (LOGIN / AUTH PLAIN). */
  PASSWORD,
  /** The secret is an OAuth 2 access token (SASL XOAUTH2), as Outlook and Gmail want. */
  XOAUTH2
}
