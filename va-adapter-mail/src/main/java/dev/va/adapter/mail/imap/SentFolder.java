package dev.va.adapter.mail.imap;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The account's Sent folder, where a copy of what va sent over SMTP goes, as a mail client would put it (SMTP itself
 * keeps no copy). Chosen by its SPECIAL-USE attribute {@code \Sent} (RFC 6154), else by a common name, else a
 * folder "Sent" is created.
 */
final class SentFolder {
  static final String SENT_ATTRIBUTE = "\\Sent";
  static final List<String> COMMON_NAMES = List.of("Sent", "Sent Items", "Sent Messages", "[Gmail]/Sent Mail");
  static final String CREATED_NAME = "Sent";

  /** A folder as LIST shows it: its full name, its name within its parent, and its attributes. */
  record Listed(String fullName, String name, List<String> attributes) {}

  private SentFolder() {}

  /**
   * The full name of the Sent folder among {@code folders}: the first marked {@code \Sent}, else the first whose
   * full name, then whose name within its parent (e.g. {@code INBOX.Sent}), is a common name; empty when none is.
   */
  static Optional<String> choose(List<Listed> folders) {
    for (Listed folder : folders) {
      if (folder.attributes().stream().anyMatch(SENT_ATTRIBUTE::equalsIgnoreCase)) return Optional.of(folder.fullName());
    }
    for (String common : COMMON_NAMES) {
      for (Listed folder : folders) {
        if (folder.fullName().equalsIgnoreCase(common)) return Optional.of(folder.fullName());
      }
    }
    for (String common : COMMON_NAMES) {
      for (Listed folder : folders) {
        if (folder.name().toLowerCase(Locale.ROOT).equals(common.toLowerCase(Locale.ROOT))) {
          return Optional.of(folder.fullName());
        }
      }
    }
    return Optional.empty();
  }

  /** Appends {@code message} to the Sent folder, flagged \Seen; creates the folder when there is none. */
  static void append(IMAPStore store, MimeMessage message) throws MessagingException {
    List<Listed> listed = new ArrayList<>();
    for (Folder folder : store.getDefaultFolder().list("*")) {
      if ((folder.getType() & Folder.HOLDS_MESSAGES) == 0) continue;
      listed.add(new Listed(folder.getFullName(), folder.getName(), List.of(((IMAPFolder) folder).getAttributes())));
    }
    Optional<String> chosen = choose(listed);
    Folder sent = chosen.isPresent() ? store.getFolder(chosen.get()) : personalRoot(store).getFolder(CREATED_NAME);
    if (chosen.isEmpty() && !sent.exists() && !sent.create(Folder.HOLDS_MESSAGES)) {
      throw new MessagingException("cannot create folder " + sent.getFullName());
    }
    message.setFlag(Flags.Flag.SEEN, true);
    sent.appendMessages(new Message[] {message});
  }

  /** Where a new top-level folder goes: the personal namespace (e.g. {@code INBOX.} on some servers). */
  private static Folder personalRoot(IMAPStore store) throws MessagingException {
    Folder[] personal = store.getPersonalNamespaces();
    return personal.length > 0 ? personal[0] : store.getDefaultFolder();
  }
}
