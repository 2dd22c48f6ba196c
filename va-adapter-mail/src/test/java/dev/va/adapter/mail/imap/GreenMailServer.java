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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/** A GreenMail server on free ports, and a plain IMAP client to arrange and inspect its mailboxes in tests. */
final class GreenMailServer {
  static final String ADDRESS = "me@example.com";
  static final String PASSWORD = "correct-password";

  static GreenMailExtension extension() {
    return new GreenMailExtension(new ServerSetup[] {
        ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
  }

  /** Also IMAPS and SMTPS, with the certificate of {@code greenmail.p12} in the test resources (see {@link #TRUSTED}). */
  static GreenMailExtension tlsExtension() {
    return new GreenMailExtension(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(),
        ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort(), ServerSetupTest.IMAPS.dynamicPort()});
  }

  /**
   * The certificate GreenMail presents over TLS in these tests, issued to localhost and 127.0.0.1. The key store
   * {@code greenmail.p12} (password {@code changeit}) in the test resources comes before GreenMail's own on the class
   * path, so GreenMail uses it. Made with {@code keytool -genkeypair -alias greenmail -keyalg RSA -validity 36500
   * -dname "CN=localhost, OU=va tests, O=va" -ext san=dns:localhost,ip:127.0.0.1 -storetype PKCS12} and
   * {@code keytool -exportcert -rfc}.
   */
  static final String TRUSTED = "/tls/test-server.pem";

  /** A message as stored in a folder: a copy of it and its flags. */
  record Stored(MimeMessage message, Flags flags) {}

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

  int imapsPort() {
    return greenMail.getImaps().getPort();
  }

  int smtpsPort() {
    return greenMail.getSmtps().getPort();
  }

  /** The messages of a folder, oldest first; empty when there is no such folder. */
  List<Stored> messages(String folderName) {
    return onServer(store -> {
      Folder folder = store.getFolder(folderName);
      if (!folder.exists()) return List.of();
      folder.open(Folder.READ_ONLY);
      try {
        List<Stored> stored = new ArrayList<>();
        for (Message m : folder.getMessages()) stored.add(new Stored(new MimeMessage((MimeMessage) m), m.getFlags()));
        return stored;
      } finally {
        folder.close(false);
      }
    });
  }

  void createFolder(String folderName) {
    onServer(store -> store.getFolder(folderName).create(Folder.HOLDS_MESSAGES));
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
