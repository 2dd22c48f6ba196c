package dev.va.application.port.out;

import dev.va.domain.mail.EmailAccountId;

/**
 * Told when a mailbox was connected, got new credentials, had them refused by its server or was removed (also with
 * its user), so that what follows the accounts (the IMAP IDLE watches) catches up at once instead of at its next
 * periodic look. Called on the thread that made the change (a request's, a sync job's), after the change is stored:
 * an implementation hands the work on and returns at once, and throws nothing.
 */
public interface MailAccountChanges {
  /** For processes where nothing follows the accounts. */
  MailAccountChanges NONE = account -> {};

  void changed(EmailAccountId account);
}
