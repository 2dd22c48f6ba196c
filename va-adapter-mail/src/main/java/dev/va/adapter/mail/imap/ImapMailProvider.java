package dev.va.adapter.mail.imap;

import dev.va.adapter.mail.MailSettings;
import dev.va.adapter.mail.imap.ProviderIds.ByMessageId;
import dev.va.adapter.mail.imap.ProviderIds.ByUid;
import dev.va.adapter.mail.imap.ProviderIds.Ref;
import dev.va.adapter.mail.imap.SyncCursor.FolderState;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.adapter.mail.mime.ParsedMessage;
import dev.va.adapter.mail.oauth.OAuthTokenSource;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.MessageIDTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * A mailbox over IMAP (sync, flags, keywords, moves) and SMTP (sending). Every call opens its own connection, so the
 * provider is thread safe and holds no connection between calls. Sync state per folder is UIDVALIDITY plus the last
 * UID handed out (see {@link SyncCursor}); provider ids are described in {@link ProviderIds}.
 */
public final class ImapMailProvider implements MailProvider {
  private static final System.Logger LOG = System.getLogger(ImapMailProvider.class.getName());

  private final MailProviderType type;
  private final MailSessions sessions;
  private final SmtpSender sender;
  private final MimeIngest ingest;
  private final MailSettings settings;
  private final Clock clock;

  /** With XOAUTH2 the stored access token is used as it is, never refreshed. */
  public ImapMailProvider(MailProviderType type, ImapAuth auth, MimeIngest ingest, TokenCipher cipher,
      MailSettings settings, Clock clock) {
    this(type, new MailSessions(settings, cipher, auth, null), ingest, settings, clock);
  }

  /** XOAUTH2 with access tokens from {@code tokens}: refreshed before they expire and when the server refuses one. */
  public ImapMailProvider(MailProviderType type, OAuthTokenSource tokens, MimeIngest ingest, TokenCipher cipher,
      MailSettings settings, Clock clock) {
    this(type, new MailSessions(settings, cipher, ImapAuth.XOAUTH2, tokens), ingest, settings, clock);
  }

  private ImapMailProvider(MailProviderType type, MailSessions sessions, MimeIngest ingest, MailSettings settings,
      Clock clock) {
    if (type == MailProviderType.GMAIL) throw new IllegalArgumentException("Gmail has its own provider");
    this.type = type;
    this.sessions = sessions;
    this.sender = new SmtpSender(sessions, clock);
    this.ingest = ingest;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public MailProviderType type() {
    return type;
  }

  /** How this provider connects, for an {@link ImapMailboxWatcher} to connect the same way. */
  MailSessions sessions() {
    return sessions;
  }

  MailSettings settings() {
    return settings;
  }

  @Override
  public SyncBatch sync(EmailAccount account, String cursor) {
    Optional<SyncCursor> previous = SyncCursor.parse(cursor);
    Map<String, FolderState> next = new LinkedHashMap<>(previous.map(SyncCursor::folders).orElse(Map.of()));
    List<EmailMessage> messages = new ArrayList<>();
    boolean[] flags = {previous.isEmpty(), false}; // full resync, has more
    withStore(account, store -> {
      Set<String> ids = new HashSet<>();
      for (String name : settings.syncFolders()) {
        int room = settings.syncBatchSize() - messages.size();
        if (room <= 0) {
          flags[1] = true;
          break;
        }
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        if (!folder.exists()) continue;
        folder.open(Folder.READ_ONLY);
        try {
          FolderState state = next.get(name);
          long uidValidity = folder.getUIDValidity();
          boolean resync = state == null || state.uidValidity() != uidValidity;
          Message[] candidates = resync ? window(folder) : newSince(folder, state.lastUid());
          Message[] batch = Arrays.copyOf(candidates, Math.min(room, candidates.length));
          prefetch(folder, batch);
          for (Message message : batch) {
            convert(account, folder, uidValidity, message).filter(m -> ids.add(m.providerMessageId()))
                .ifPresent(messages::add);
          }
          long lastUid = batch.length > 0 ? folder.getUID(batch[batch.length - 1])
              : resync ? highestUid(folder) : state.lastUid();
          next.put(name, new FolderState(uidValidity, lastUid));
          flags[0] |= resync;
          flags[1] |= candidates.length > batch.length;
        } finally {
          folder.close(false);
        }
      }
      return null;
    });
    return new SyncBatch(messages, new SyncCursor(next).format(), flags[0], flags[1]);
  }

  /** The first-sync window: mail of the last N days, at most the newest M, oldest first. */
  private Message[] window(IMAPFolder folder) throws MessagingException {
    Message[] messages = settings.firstSyncDays() > 0
        ? folder.search(new ReceivedDateTerm(ComparisonTerm.GE,
            Date.from(clock.instant().minus(Duration.ofDays(settings.firstSyncDays())))))
        : folder.getMessages();
    Message[] sorted = byUid(folder, messages);
    int max = settings.firstSyncMaxMessages();
    return max > 0 && sorted.length > max ? Arrays.copyOfRange(sorted, sorted.length - max, sorted.length) : sorted;
  }

  private static Message[] newSince(IMAPFolder folder, long lastUid) throws MessagingException {
    // "n:*" also returns the newest message when its UID is below n, so filter
    Message[] range = folder.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID);
    List<Message> newer = new ArrayList<>();
    for (Message m : range) {
      if (m != null && folder.getUID(m) > lastUid) newer.add(m);
    }
    return byUid(folder, newer.toArray(Message[]::new));
  }

  private static Message[] byUid(IMAPFolder folder, Message[] messages) throws MessagingException {
    FetchProfile uids = new FetchProfile();
    uids.add(UIDFolder.FetchProfileItem.UID);
    folder.fetch(messages, uids);
    Map<Message, Long> uid = new LinkedHashMap<>();
    for (Message m : messages) uid.put(m, folder.getUID(m));
    Message[] sorted = messages.clone();
    Arrays.sort(sorted, Comparator.comparing(uid::get));
    return sorted;
  }

  private static long highestUid(IMAPFolder folder) throws MessagingException {
    int count = folder.getMessageCount();
    return count == 0 ? 0 : folder.getUID(folder.getMessage(count));
  }

  private static void prefetch(IMAPFolder folder, Message[] messages) throws MessagingException {
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(FetchProfile.Item.FLAGS);
    profile.add(FetchProfile.Item.SIZE);
    profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    folder.fetch(messages, profile);
  }

  /** The domain message; empty when it was expunged meanwhile. */
  private Optional<EmailMessage> convert(EmailAccount account, IMAPFolder folder, long uidValidity, Message message)
      throws MessagingException {
    try {
      ParsedMessage parsed = ingest.parse(message);
      String id = ProviderIds.of(parsed.messageId(), folder.getFullName(), uidValidity, folder.getUID(message));
      Date received = message.getReceivedDate();
      return Optional.of(parsed.toEmailMessage(account.id(), account.userId(), id,
          received == null ? null : received.toInstant(), labels(message.getFlags()), clock.instant()));
    } catch (MessageRemovedException e) {
      return Optional.empty();
    }
  }

  private static List<String> labels(Flags flags) {
    List<String> labels = new ArrayList<>();
    for (String keyword : flags.getUserFlags()) labels.add(Keywords.decode(keyword));
    return labels;
  }

  @Override
  public Optional<EmailMessage> fetch(EmailAccount account, String providerMessageId) {
    return Optional.ofNullable(onMessage(account, providerMessageId, Folder.READ_ONLY, false, (folder, found) -> {
      prefetch(folder, found);
      return convert(account, folder, folder.getUIDValidity(), found[0]).orElse(null);
    }));
  }

  @Override
  public void setFlagged(EmailAccount account, String providerMessageId, boolean flagged) {
    setFlag(account, providerMessageId, new Flags(Flags.Flag.FLAGGED), flagged);
  }

  @Override
  public void markRead(EmailAccount account, String providerMessageId, boolean read) {
    setFlag(account, providerMessageId, new Flags(Flags.Flag.SEEN), read);
  }

  @Override
  public void addLabel(EmailAccount account, String providerMessageId, String label) {
    requireLabel(label);
    onMessage(account, providerMessageId, Folder.READ_WRITE, true, (folder, found) -> {
      if (!folder.getPermanentFlags().contains(Flags.Flag.USER)) {
        throw new MailProviderException("the server does not keep keywords in " + folder.getFullName()
            + "; labels are not supported there", false, null);
      }
      folder.setFlags(found, new Flags(Keywords.encode(label)), true);
      return null;
    });
  }

  @Override
  public void removeLabel(EmailAccount account, String providerMessageId, String label) {
    requireLabel(label);
    setFlag(account, providerMessageId, new Flags(Keywords.encode(label)), false);
  }

  private static void requireLabel(String label) {
    if (label == null || label.isBlank()) throw new IllegalArgumentException("label must not be blank");
  }

  private void setFlag(EmailAccount account, String providerMessageId, Flags flag, boolean value) {
    onMessage(account, providerMessageId, Folder.READ_WRITE, true, (folder, found) -> {
      folder.setFlags(found, flag, value);
      return null;
    });
  }

  @Override
  public void moveTo(EmailAccount account, String providerMessageId, String folderName) {
    if (folderName == null || folderName.isBlank()) throw new IllegalArgumentException("folder must not be blank");
    onMessage(account, providerMessageId, Folder.READ_WRITE, true, (folder, found) -> {
      if (folder.getFullName().equals(folderName)) return null;
      IMAPStore store = (IMAPStore) folder.getStore();
      Folder target = store.getFolder(folderName);
      if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
        throw new MailProviderException("cannot create folder " + folderName, false, null);
      }
      if (store.hasCapability("MOVE")) {
        folder.moveMessages(found, target);
      } else {
        folder.copyMessages(found, target);
        folder.setFlags(found, new Flags(Flags.Flag.DELETED), true);
        if (store.hasCapability("UIDPLUS")) {
          folder.expunge(found); // UID EXPUNGE: only these messages
        } else {
          folder.expunge();
        }
      }
      return null;
    });
  }

  @Override
  public void archive(EmailAccount account, String providerMessageId) {
    moveTo(account, providerMessageId, settings.archiveFolder());
  }

  /**
   * Sends over SMTP, then appends a copy to the account's Sent folder ({@link SentFolder}). The send is done once
   * SMTP took the message: a failing copy is logged, never reported as a failed send, which could bring a resend.
   */
  @Override
  public String send(EmailAccount account, OutgoingMessage message) {
    MimeMessage sent = sender.send(account, message);
    String id;
    try {
      id = sent.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException("the sent message has no readable Message-ID", e); // composed in memory
    }
    try {
      withStore(account, store -> {
        SentFolder.append(store, sent);
        return null;
      });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "message {0} of account {1} was sent but not copied to its Sent folder: {2}", id,
          account.id(), e.getMessage());
    }
    return id;
  }

  @Override
  public void checkConnection(EmailAccount account) {
    withStore(account, store -> null);
    if (account.smtp() != null) sender.check(account);
  }

  private interface StoreWork<T> {
    T run(IMAPStore store) throws MessagingException;
  }

  private interface MessageWork<T> {
    T run(IMAPFolder folder, Message[] found) throws MessagingException;
  }

  private <T> T withStore(EmailAccount account, StoreWork<T> work) {
    IMAPStore store = sessions.imap(account);
    try {
      return work.run(store);
    } catch (MessagingException e) {
      throw new MailProviderException("IMAP operation failed: " + e.getMessage(), false, e);
    } finally {
      try {
        store.close();
      } catch (MessagingException e) {
        // the work is done; a failing logout changes nothing
      }
    }
  }

  /**
   * Runs {@code work} on the message(s) a provider id names, in the folder that holds them. Messages found by
   * Message-ID are searched in the synced folders, the archive, then every other folder.
   */
  private <T> T onMessage(EmailAccount account, String providerMessageId, int mode, boolean required,
      MessageWork<T> work) {
    Ref ref = ProviderIds.parse(providerMessageId).orElse(null);
    Found<T> result = ref == null ? null : withStore(account, store -> {
      for (String name : searchOrder(store, ref)) {
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        if (!folder.exists() || (folder.getType() & Folder.HOLDS_MESSAGES) == 0) continue;
        folder.open(mode);
        try {
          Message[] found = find(folder, ref);
          if (found.length > 0) return new Found<>(work.run(folder, found));
        } finally {
          if (folder.isOpen()) folder.close(false);
        }
      }
      return null;
    });
    if (result == null && required) {
      throw new MailProviderException("no message " + providerMessageId + " in the mailbox", false, null);
    }
    return result == null ? null : result.value();
  }

  private record Found<T>(T value) {}

  private List<String> searchOrder(IMAPStore store, Ref ref) throws MessagingException {
    if (ref instanceof ByUid byUid) return List.of(byUid.folder());
    Set<String> names = new LinkedHashSet<>(settings.syncFolders());
    names.add(settings.archiveFolder());
    for (Folder folder : store.getDefaultFolder().list("*")) names.add(folder.getFullName());
    return new ArrayList<>(names);
  }

  private static Message[] find(IMAPFolder folder, Ref ref) throws MessagingException {
    if (ref instanceof ByUid byUid) {
      if (folder.getUIDValidity() != byUid.uidValidity()) return new Message[0];
      Message message = folder.getMessageByUID(byUid.uid());
      return message == null ? new Message[0] : new Message[] {message};
    }
    String id = ((ByMessageId) ref).messageId();
    // SEARCH HEADER matches substrings: keep exact matches only
    List<Message> exact = new ArrayList<>();
    for (Message candidate : folder.search(new MessageIDTerm(id))) {
      String[] values = candidate.getHeader("Message-ID");
      if (values != null && Arrays.stream(values).anyMatch(v -> v.strip().equals(id))) exact.add(candidate);
    }
    return exact.toArray(Message[]::new);
  }
}
