package dev.va.adapter.mail.gmail;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.Sleeper;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.HistoryMessageAdded;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePartHeader;
import com.google.api.services.gmail.model.ModifyMessageRequest;
import dev.va.adapter.mail.MailSettings;
import dev.va.adapter.mail.gmail.GmailCalls.NotFound;
import dev.va.adapter.mail.gmail.GmailCalls.Repeat;
import dev.va.adapter.mail.gmail.GmailCalls.Session;
import dev.va.adapter.mail.mime.MessageComposer;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.adapter.mail.mime.ParsedMessage;
import dev.va.adapter.mail.oauth.OAuthTokenSource;
import dev.va.application.port.out.MailProvider;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A Gmail mailbox over the Gmail API. Provider ids are Gmail message ids, which never change. The first sync (and a
 * resync) lists the inbox within the configured window ({@code newer_than:<days>d}, at most the configured number of
 * messages, newest first, page by page across calls); later syncs read the history (messagesAdded to the inbox) after
 * the stored history id, and when Gmail no longer keeps that much history the window is listed again. Each message
 * is read in its raw RFC 822 form and parsed by {@link MimeIngest}; one over the size limit is read for its headers
 * only. Labels are reported by name; flagged is STARRED, read is the absence of UNREAD, archive removes INBOX and a
 * move adds the folder's label (created when missing) and removes INBOX. Access tokens come from an
 * {@link OAuthTokenSource}, which refreshes them and stores renewed credentials. Thread safe: every call works with
 * its own state.
 */
public final class GmailMailProvider implements MailProvider {
  static final String ME = "me";
  static final String INBOX = "INBOX";
  static final String UNREAD = "UNREAD";
  static final String STARRED = "STARRED";
  private static final long MAX_PAGE = 500;

  private final MailSettings settings;
  private final MimeIngest ingest;
  private final GmailCalls calls;
  private final Clock clock;

  /** @param sleeper waits between retries ({@link Sleeper#DEFAULT} sleeps; tests pass one that records) */
  public GmailMailProvider(GmailSettings gmail, MailSettings settings, MimeIngest ingest, OAuthTokenSource tokens,
      Sleeper sleeper, Clock clock) {
    HttpRequestInitializer timeouts = request -> request
        .setConnectTimeout((int) settings.connectTimeout().toMillis())
        .setReadTimeout((int) settings.readTimeout().toMillis())
        .setWriteTimeout((int) settings.writeTimeout().toMillis());
    Gmail client = new Gmail.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), timeouts)
        .setRootUrl(gmail.rootUrl().toString())
        .setApplicationName("va")
        .build();
    this.settings = settings;
    this.ingest = ingest;
    this.calls = new GmailCalls(client, tokens, gmail, sleeper, clock);
    this.clock = clock;
  }

  @Override
  public MailProviderType type() {
    return MailProviderType.GMAIL;
  }

  @Override
  public SyncBatch sync(EmailAccount account, String cursor) {
    Reader reader = new Reader(account);
    Optional<GmailCursor> previous = GmailCursor.parse(cursor);
    if (previous.isPresent() && !previous.get().listing()) {
      SyncBatch batch = history(reader, previous.get().historyId());
      if (batch != null) return batch;
    }
    return listing(reader, previous.filter(GmailCursor::listing).orElse(null));
  }

  /** The inbox within the window, page after page; {@code resume} null starts a full sync. */
  private SyncBatch listing(Reader reader, GmailCursor resume) {
    BigInteger historyId = resume != null ? resume.historyId()
        : reader.session.execute(users -> users.getProfile(ME)).getHistoryId();
    if (historyId == null) throw new MailProviderException("Gmail profile has no history id", false, null);
    int listed = resume != null ? resume.listed() : 0;
    String token = resume != null ? resume.pageToken() : null;
    String query = settings.firstSyncDays() > 0 ? "newer_than:" + settings.firstSyncDays() + "d" : null;
    List<EmailMessage> messages = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int handed = 0;
    boolean done = false;
    while (!done) {
      long remaining = settings.firstSyncMaxMessages() > 0 ? settings.firstSyncMaxMessages() - listed : MAX_PAGE;
      long room = settings.syncBatchSize() - handed;
      if (remaining <= 0) {
        done = true;
      } else if (room <= 0) {
        break;
      } else {
        String pageToken = token;
        long size = Math.min(MAX_PAGE, Math.min(room, remaining));
        ListMessagesResponse page = reader.session.execute(users -> users.messages().list(ME)
            .setLabelIds(List.of(INBOX)).setQ(query).setMaxResults(size).setPageToken(pageToken));
        List<Message> refs = page.getMessages() == null ? List.of() : page.getMessages();
        for (Message ref : refs) {
          if (ref.getId() != null && seen.add(ref.getId())) reader.read(ref.getId()).ifPresent(messages::add);
        }
        handed += refs.size();
        listed += refs.size();
        token = page.getNextPageToken();
        done = token == null || token.isEmpty();
      }
    }
    GmailCursor next = done ? GmailCursor.at(historyId) : new GmailCursor(historyId, listed, token);
    return new SyncBatch(messages, next.format(), resume == null, !done);
  }

  /** Messages added to the inbox after {@code start}; null when Gmail no longer has history from there. */
  private SyncBatch history(Reader reader, BigInteger start) {
    List<EmailMessage> messages = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    BigInteger last = start;
    String token = null;
    boolean more = false;
    pages:
    while (true) {
      String pageToken = token;
      ListHistoryResponse page;
      try {
        page = reader.session.execute(users -> users.history().list(ME).setStartHistoryId(start)
            .setHistoryTypes(List.of("messageAdded")).setLabelId(INBOX).setMaxResults(MAX_PAGE)
            .setPageToken(pageToken));
      } catch (NotFound e) {
        if (pageToken == null) return null; // the start id is older than the history Gmail keeps
        throw e;
      }
      for (History record : page.getHistory() == null ? List.<History>of() : page.getHistory()) {
        List<String> added = added(record, seen);
        // cut between records, so that the record's id is a cursor that loses nothing
        if (!messages.isEmpty() && messages.size() + added.size() > settings.syncBatchSize()) {
          more = true;
          break pages;
        }
        seen.addAll(added);
        for (String id : added) reader.read(id).ifPresent(messages::add);
        if (record.getId() != null) last = last.max(record.getId());
      }
      token = page.getNextPageToken();
      if (token == null || token.isEmpty()) {
        if (page.getHistoryId() != null) last = last.max(page.getHistoryId());
        break;
      }
    }
    return new SyncBatch(messages, GmailCursor.at(last).format(), false, more);
  }

  /** Ids of the inbox messages a history record added, not yet seen in this batch. */
  private static List<String> added(History record, Set<String> seen) {
    List<String> ids = new ArrayList<>();
    if (record.getMessagesAdded() == null) return ids;
    for (HistoryMessageAdded added : record.getMessagesAdded()) {
      Message message = added.getMessage();
      if (message == null || message.getId() == null || seen.contains(message.getId())) continue;
      if (message.getLabelIds() != null && !message.getLabelIds().contains(INBOX)) continue;
      if (!ids.contains(message.getId())) ids.add(message.getId());
    }
    return ids;
  }

  @Override
  public Optional<EmailMessage> fetch(EmailAccount account, String providerMessageId) {
    if (providerMessageId == null || providerMessageId.isBlank()) return Optional.empty();
    return new Reader(account).read(providerMessageId);
  }

  @Override
  public void setFlagged(EmailAccount account, String providerMessageId, boolean flagged) {
    modify(calls.session(account), providerMessageId, flagged ? List.of(STARRED) : List.of(),
        flagged ? List.of() : List.of(STARRED));
  }

  @Override
  public void markRead(EmailAccount account, String providerMessageId, boolean read) {
    modify(calls.session(account), providerMessageId, read ? List.of() : List.of(UNREAD),
        read ? List.of(UNREAD) : List.of());
  }

  @Override
  public void addLabel(EmailAccount account, String providerMessageId, String label) {
    requireName(label, "label");
    Session session = calls.session(account);
    modify(session, providerMessageId, List.of(GmailLabels.ensure(session, label)), List.of());
  }

  @Override
  public void removeLabel(EmailAccount account, String providerMessageId, String label) {
    requireName(label, "label");
    Session session = calls.session(account);
    Optional<String> id = GmailLabels.load(session).idOf(label);
    if (id.isPresent()) {
      modify(session, providerMessageId, List.of(), List.of(id.get()));
    } else { // no such label, so not on the message; but the message must exist
      requireId(providerMessageId);
      session.execute(users -> users.messages().get(ME, providerMessageId).setFormat("minimal"));
    }
  }

  @Override
  public void moveTo(EmailAccount account, String providerMessageId, String folder) {
    requireName(folder, "folder");
    Session session = calls.session(account);
    if (folder.equalsIgnoreCase(INBOX)) {
      modify(session, providerMessageId, List.of(INBOX), List.of());
    } else {
      modify(session, providerMessageId, List.of(GmailLabels.ensure(session, folder)), List.of(INBOX));
    }
  }

  @Override
  public void archive(EmailAccount account, String providerMessageId) {
    modify(calls.session(account), providerMessageId, List.of(), List.of(INBOX));
  }

  private static void modify(Session session, String id, List<String> add, List<String> remove) {
    requireId(id);
    ModifyMessageRequest change = new ModifyMessageRequest().setAddLabelIds(add).setRemoveLabelIds(remove);
    session.execute(users -> users.messages().modify(ME, id, change));
  }

  /**
   * Sends through Gmail, which files the message in the sender's mailbox with the SENT label (and puts a reply in
   * the thread of the message it answers): unlike over SMTP, no copy needs appending to a Sent folder. Returns the Message-ID the sent message has in the mailbox; Gmail may have replaced ours.
   */
  @Override
  public String send(EmailAccount account, OutgoingMessage message) {
    MimeMessage mime = MessageComposer.compose(jakarta.mail.Session.getInstance(new Properties()), account, message,
        clock.instant());
    Session session = calls.session(account);
    Message body = new Message().setRaw(Base64.getUrlEncoder().encodeToString(bytes(mime)));
    threadOf(session, message.inReplyTo()).ifPresent(body::setThreadId);
    Message sent = session.execute(users -> users.messages().send(ME, body), Repeat.IF_NOT_CARRIED_OUT);
    String built = messageId(mime);
    if (sent.getId() == null) return built;
    try { // the message is sent: failing to read its id back must not look like a failed send
      Message stored = session.execute(users -> users.messages().get(ME, sent.getId()).setFormat("metadata")
          .setMetadataHeaders(List.of("Message-ID")));
      return header(stored, "Message-ID").orElse(built);
    } catch (MailProviderException e) {
      return built;
    }
  }

  /** The Gmail thread of the message with this Message-ID, so a reply joins it. */
  private static Optional<String> threadOf(Session session, String inReplyTo) {
    if (inReplyTo == null || inReplyTo.isBlank()) return Optional.empty();
    String id = inReplyTo.strip().replaceAll("^<|>$", "");
    if (id.isEmpty() || id.contains(" ") || id.contains("\"")) return Optional.empty();
    ListMessagesResponse found = session.execute(users -> users.messages().list(ME).setQ("rfc822msgid:" + id)
        .setIncludeSpamTrash(true).setMaxResults(1L));
    if (found.getMessages() == null || found.getMessages().isEmpty()) return Optional.empty();
    return Optional.ofNullable(found.getMessages().get(0).getThreadId());
  }

  private static byte[] bytes(MimeMessage mime) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      mime.writeTo(out);
    } catch (IOException | MessagingException e) {
      throw new MailProviderException("cannot write the message: " + e.getMessage(), false, e);
    }
    return out.toByteArray();
  }

  private static String messageId(MimeMessage mime) {
    try {
      return mime.getMessageID();
    } catch (MessagingException e) {
      throw new MailProviderException("the built message has no Message-ID", false, e);
    }
  }

  @Override
  public void checkConnection(EmailAccount account) {
    calls.session(account).execute(users -> users.getProfile(ME));
  }

  private static Optional<String> header(Message message, String name) {
    if (message.getPayload() == null || message.getPayload().getHeaders() == null) return Optional.empty();
    return message.getPayload().getHeaders().stream()
        .filter(h -> name.equalsIgnoreCase(h.getName()) && h.getValue() != null)
        .map(MessagePartHeader::getValue).findFirst();
  }

  private static void requireName(String value, String what) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(what + " must not be blank");
  }

  private static void requireId(String id) {
    if (id == null || id.isBlank()) throw new MailProviderException("no message id given", false, null);
  }

  /** Reads messages of one account within one provider call; label names are looked up once. */
  private final class Reader {
    private final EmailAccount account;
    private final Session session;
    private GmailLabels labels;

    Reader(EmailAccount account) {
      this.account = account;
      this.session = calls.session(account);
    }

    /** The message; empty when Gmail has no such message (any more). */
    Optional<EmailMessage> read(String id) {
      try {
        Message minimal = session.execute(users -> users.messages().get(ME, id).setFormat("minimal"));
        long size = minimal.getSizeEstimate() == null ? 0 : minimal.getSizeEstimate();
        Message message;
        ParsedMessage parsed;
        if (size > ingest.limits().maxMessageBytes()) {
          message = session.execute(users -> users.messages().get(ME, id).setFormat("metadata"));
          parsed = ingest.parse(headerBytes(message), size);
        } else {
          message = session.execute(users -> users.messages().get(ME, id).setFormat("raw"));
          parsed = ingest.parse(raw(message));
        }
        if (labels == null) labels = GmailLabels.load(session);
        Instant received = message.getInternalDate() == null ? null : Instant.ofEpochMilli(message.getInternalDate());
        return Optional.of(parsed.toEmailMessage(account.id(), account.userId(), id, received,
            labels.names(message.getLabelIds()), clock.instant()));
      } catch (NotFound e) {
        return Optional.empty();
      }
    }

    private static byte[] raw(Message message) {
      if (message.getRaw() == null) throw new MailProviderException("Gmail sent a message without content", false, null);
      try {
        return Base64.getUrlDecoder().decode(message.getRaw().strip());
      } catch (IllegalArgumentException e) {
        throw new MailProviderException("Gmail sent undecodable message content", false, e);
      }
    }

    /** The header section as Gmail lists it, for a message too large to download. */
    private static byte[] headerBytes(Message message) {
      StringBuilder header = new StringBuilder();
      if (message.getPayload() != null && message.getPayload().getHeaders() != null) {
        for (MessagePartHeader h : message.getPayload().getHeaders()) {
          header.append(h.getName()).append(": ").append(h.getValue()).append("\r\n");
        }
      }
      return header.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
