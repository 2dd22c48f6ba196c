package dev.va.adapter.mail.imap;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** A GreenMail server on free ports, and a plain IMAP client to arrange and inspect its mailboxes in tests. */
final class GreenMailServer {
  static final String ADDRESS = "me@example.com";
  static final String PASSWORD = "correct-password";

  static GreenMailExtension extension() {
    return new GreenMailExtension(new ServerSetup[] {
        ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
  }

  interface StoreWork<T> {
    T run(Store store) throws MessagingException;
  }

  private final GreenMailExtension greenMail;
  private final Session session = Session.getInstance(new Properties());

  GreenMailServer(GreenMailExtension greenMail) {
    this.greenMail = greenMail;
    greenMail.setUser(ADDRESS, ADDRESS, PASSWORD);
  }

  int imapPort() {
    return greenMail.getImap().getPort();
  }

  int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  <T> T onServer(StoreWork<T> work) {
    try {
      Store store = session.getStore("imap");
      store.connect("127.0.0.1", imapPort(), ADDRESS, PASSWORD);
      try {
        return work.run(store);
      } finally {
        store.close();
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  void append(String folderName, String raw, Date internalDate) {
    onServer(store -> {
      Folder folder = store.getFolder(folderName);
      if (!folder.exists()) folder.create(Folder.HOLDS_MESSAGES);
      MimeMessage message = new MimeMessage(session,
          new ByteArrayInputStream(raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))) {
        @Override
        public Date getReceivedDate() {
          return internalDate; // APPEND sends it as the INTERNALDATE
        }
      };
      folder.appendMessages(new Message[] {message});
      return null;
    });
  }

  long uidValidity(String folderName) {
    return onServer(store -> {
      Folder folder = store.getFolder(folderName);
      folder.open(Folder.READ_ONLY);
      try {
        return ((UIDFolder) folder).getUIDValidity();
      } finally {
        folder.close(false);
      }
    });
  }

  void deleteFolder(String folderName) {
    onServer(store -> store.getFolder(folderName).delete(true));
  }

  /** The folder holding the message, or null. */
  String folderOf(String messageId) {
    return onServer(store -> {
      for (Folder folder : store.getDefaultFolder().list("*")) {
        if ((folder.getType() & Folder.HOLDS_MESSAGES) == 0) continue;
        folder.open(Folder.READ_ONLY);
        try {
          if (folder.search(new MessageIDTerm(messageId)).length > 0) return folder.getFullName();
        } finally {
          folder.close(false);
        }
      }
      return null;
    });
  }

  boolean hasFlag(String messageId, Flags.Flag flag) {
    String name = folderOf(messageId);
    if (name == null) throw new IllegalStateException("no message " + messageId);
    return onServer(store -> {
      Folder folder = store.getFolder(name);
      folder.open(Folder.READ_ONLY);
      try {
        return folder.search(new MessageIDTerm(messageId))[0].isSet(flag);
      } finally {
        folder.close(false);
      }
    });
  }
}
