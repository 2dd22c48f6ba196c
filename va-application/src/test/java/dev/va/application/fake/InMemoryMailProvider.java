package dev.va.application.fake;

import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.mail.Triage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A mail server and a provider for it, in memory. Mailboxes are created with a password and found by the account's
 * username (or its address without one); the stored credentials are decrypted through the {@link TokenCipher} and
 * compared, as a real provider's login would. Messages arrive as RFC 822 text, parsed plainly (unfolded headers with
 * lower-case names, the body as text). Sync reads the inbox in UID order, at most {@code batchSize} messages a call;
 * a message's provider id is its Message-ID, or its UID without one. Mail sent to an address that has a mailbox here
 * is delivered to it. Tests can make hosts unreachable and count the connections the provider attempted.
 */
public final class InMemoryMailProvider implements MailProvider {
  public static final String INBOX = "INBOX";
  public static final String ARCHIVE = "Archive";
  private static final Set<String> BUILT_HEADERS = Set.of("from", "to", "cc", "subject", "message-id", "date",
      "in-reply-to", "references", "mime-version");

  /** One stored message, changed in place by flag, label and move operations. */
  private static final class Mail {
    final long uid;
    final Map<String, List<String>> headers;
    final String body;
    final long size;
    final Instant receivedAt;
    String folder = INBOX;
    boolean flagged;
    boolean seen;
    final Set<String> labels = new LinkedHashSet<>();

    Mail(long uid, Map<String, List<String>> headers, String body, long size, Instant receivedAt) {
      this.uid = uid;
      this.headers = headers;
      this.body = body;
      this.size = size;
      this.receivedAt = receivedAt;
    }

    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private static final class Mailbox {
    final long uidValidity = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    final List<Mail> mails = new ArrayList<>();
    String password;
    long nextUid = 1;

    Mailbox(String password) {
      this.password = password;
    }
  }

  private final MailProviderType type;
  private final TokenCipher cipher;
  private final Clock clock;
  private final int batchSize;
  private final Map<String, Mailbox> mailboxes = new LinkedHashMap<>();
  private final Set<String> unreachable = new HashSet<>();
  private int connections;

  public InMemoryMailProvider(MailProviderType type, TokenCipher cipher, Clock clock, int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("batchSize must be at least 1");
    this.type = type;
    this.cipher = cipher;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  // the server side, for tests

  public synchronized void createMailbox(String login, String password) {
    mailboxes.put(key(login), new Mailbox(password));
  }

  public synchronized void changePassword(String login, String password) {
    mailbox(login).password = password;
  }

  /** Puts an RFC 822 message into the inbox of {@code login}, received now. */
  public synchronized void deliver(String login, String raw) {
    Mailbox box = mailbox(login);
    String text = raw.replace("\r\n", "\n");
    int split = text.indexOf("\n\n");
    String head = split < 0 ? text : text.substring(0, split);
    String body = split < 0 ? "" : text.substring(split + 2);
    box.mails.add(new Mail(box.nextUid++, parseHeaders(head), body.strip(),
        raw.getBytes(StandardCharsets.UTF_8).length, clock.instant()));
  }

  /** Connections to {@code host} fail (or work again) from now on. */
  public synchronized void setUnreachable(String host, boolean value) {
    if (value) {
      unreachable.add(host);
    } else {
      unreachable.remove(host);
    }
  }

  /** How many connections the provider attempted, reachable or not, whatever the login's outcome. */
  public synchronized int connections() {
    return connections;
  }

  /** The folder holding the message with this Message-ID in the mailbox of {@code login}, or null. */
  public synchronized String folderOf(String login, String messageIdHeader) {
    return byMessageId(login, messageIdHeader).map(mail -> mail.folder).orElse(null);
  }

  public synchronized boolean isFlagged(String login, String messageIdHeader) {
    return byMessageId(login, messageIdHeader).orElseThrow().flagged;
  }

  public synchronized boolean isSeen(String login, String messageIdHeader) {
    return byMessageId(login, messageIdHeader).orElseThrow().seen;
  }

  // the provider

  @Override
  public MailProviderType type() {
    return type;
  }

  @Override
  public synchronized SyncBatch sync(EmailAccount account, String cursor) {
    Mailbox box = login(account, account.imap());
    long lastUid = lastUid(box, cursor);
    boolean full = lastUid < 0;
    List<Mail> candidates = box.mails.stream()
        .filter(mail -> mail.folder.equals(INBOX) && mail.uid > lastUid)
        .toList();
    List<Mail> batch = candidates.subList(0, Math.min(batchSize, candidates.size()));
    long next = !batch.isEmpty() ? batch.get(batch.size() - 1).uid : full ? box.nextUid - 1 : lastUid;
    List<EmailMessage> messages = batch.stream().map(mail -> toMessage(account, box, mail)).toList();
    return new SyncBatch(messages, "mem:" + box.uidValidity + ":" + next, full, candidates.size() > batch.size());
  }

  @Override
  public synchronized Optional<EmailMessage> fetch(EmailAccount account, String providerMessageId) {
    Mailbox box = login(account, account.imap());
    return find(box, providerMessageId).map(mail -> toMessage(account, box, mail));
  }

  @Override
  public synchronized void setFlagged(EmailAccount account, String providerMessageId, boolean flagged) {
    existing(account, providerMessageId).flagged = flagged;
  }

  @Override
  public synchronized void markRead(EmailAccount account, String providerMessageId, boolean read) {
    existing(account, providerMessageId).seen = read;
  }

  @Override
  public synchronized void addLabel(EmailAccount account, String providerMessageId, String label) {
    existing(account, providerMessageId).labels.add(label);
  }

  @Override
  public synchronized void removeLabel(EmailAccount account, String providerMessageId, String label) {
    existing(account, providerMessageId).labels.remove(label);
  }

  @Override
  public synchronized void moveTo(EmailAccount account, String providerMessageId, String folder) {
    existing(account, providerMessageId).folder = folder;
  }

  @Override
  public synchronized void archive(EmailAccount account, String providerMessageId) {
    moveTo(account, providerMessageId, ARCHIVE);
  }

  @Override
  public synchronized String send(EmailAccount account, OutgoingMessage message) {
    if (account.smtp() == null) throw new MailProviderException("account has no SMTP server", false, null);
    login(account, account.smtp());
    String messageId = message.messageId() != null ? message.messageId()
        : "<" + UUID.randomUUID() + "@" + account.address().domain() + ">";
    StringBuilder raw = new StringBuilder();
    header(raw, "From", message.from() == null ? account.address().value() : message.from());
    header(raw, "To", String.join(", ", message.to()));
    if (message.cc() != null && !message.cc().isEmpty()) header(raw, "Cc", String.join(", ", message.cc()));
    header(raw, "Subject", message.subject());
    header(raw, "Message-ID", messageId);
    if (message.inReplyTo() != null) header(raw, "In-Reply-To", message.inReplyTo());
    if (message.references() != null && !message.references().isEmpty()) {
      header(raw, "References", String.join(" ", message.references()));
    }
    Map<String, String> extra = message.extraHeaders() == null ? Map.of() : message.extraHeaders();
    extra.forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (BUILT_HEADERS.contains(lower) || lower.startsWith("content-")) {
        throw new MailProviderException("header " + name + " cannot be replaced", false, null);
      }
      header(raw, name, value);
    });
    raw.append("\r\n").append(message.textBody()).append("\r\n");
    List<String> recipients = new ArrayList<>(message.to());
    if (message.cc() != null) recipients.addAll(message.cc());
    for (String recipient : recipients) {
      if (mailboxes.containsKey(key(recipient))) deliver(recipient, raw.toString());
    }
    return messageId;
  }

  @Override
  public synchronized void checkConnection(EmailAccount account) {
    login(account, account.imap());
    if (account.smtp() != null) login(account, account.smtp());
  }

  // internals

  private Mailbox login(EmailAccount account, ServerEndpoint server) {
    if (server == null) throw new MailProviderException("account has no server for this", false, null);
    connections++;
    if (unreachable.contains(server.host())) {
      throw new MailProviderException("cannot connect to " + server.host() + ":" + server.port(), false, null);
    }
    String login = account.username() != null ? account.username() : account.address().value();
    Mailbox box = mailboxes.get(key(login));
    String secret;
    try {
      secret = account.credentials() == null ? null : cipher.decrypt(account.credentials());
    } catch (IllegalArgumentException e) {
      throw new MailProviderException("stored credentials cannot be decrypted", true, e);
    }
    if (box == null || !box.password.equals(secret)) {
      throw new MailProviderException("the server refused the credentials", true, null);
    }
    return box;
  }

  /** The last UID the cursor saw, or -1 when it cannot be used (none, unreadable, another UIDVALIDITY). */
  private static long lastUid(Mailbox box, String cursor) {
    if (cursor == null) return -1;
    String[] parts = cursor.split(":");
    try {
      if (parts.length == 3 && parts[0].equals("mem") && Long.parseLong(parts[1]) == box.uidValidity) {
        return Long.parseLong(parts[2]);
      }
    } catch (NumberFormatException e) {
      // an unreadable cursor starts over, as below
    }
    return -1;
  }

  private Mail existing(EmailAccount account, String providerMessageId) {
    return find(login(account, account.imap()), providerMessageId).orElseThrow(() ->
        new MailProviderException("no message " + providerMessageId + " in the mailbox", false, null));
  }

  private static Optional<Mail> find(Mailbox box, String providerMessageId) {
    return box.mails.stream().filter(mail -> providerId(box, mail).equals(providerMessageId)).findFirst();
  }

  private Optional<Mail> byMessageId(String login, String messageIdHeader) {
    return mailbox(login).mails.stream().filter(mail -> messageIdHeader.equals(mail.header("message-id")))
        .findFirst();
  }

  private static String providerId(Mailbox box, Mail mail) {
    String messageId = mail.header("message-id");
    return messageId != null ? messageId : "uid-" + box.uidValidity + "-" + mail.uid;
  }

  private EmailMessage toMessage(EmailAccount account, Mailbox box, Mail mail) {
    String references = mail.header("references");
    String thread = references != null ? references.trim().split("\\s+")[0]
        : mail.header("in-reply-to") != null ? mail.header("in-reply-to") : mail.header("message-id");
    Instant now = clock.instant();
    return new EmailMessage(EmailMessageId.random(), account.id(), account.userId(), providerId(box, mail), thread,
        mail.header("message-id"), mail.header("from"), addresses(mail.header("to")), addresses(mail.header("cc")),
        mail.header("subject"), mail.receivedAt, mail.headers, mail.body, List.of(), mail.size,
        List.copyOf(mail.labels), List.of(), Triage.PENDING, now, now);
  }

  private static List<String> addresses(String value) {
    if (value == null || value.isBlank()) return List.of();
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Map<String, List<String>> parseHeaders(String head) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : head.split("\n")) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        value.append(' ').append(line.strip());
        continue;
      }
      if (name != null) headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString());
      int colon = line.indexOf(':');
      name = colon <= 0 ? null : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      value = new StringBuilder(colon <= 0 ? "" : line.substring(colon + 1).strip());
    }
    if (name != null) headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString());
    headers.replaceAll((k, v) -> List.copyOf(v));
    return headers;
  }

  private static void header(StringBuilder raw, String name, String value) {
    if (value.contains("\r") || value.contains("\n")) {
      throw new MailProviderException("header " + name + " contains a line break", false, null);
    }
    raw.append(name).append(": ").append(value).append("\r\n");
  }

  private Mailbox mailbox(String login) {
    Mailbox box = mailboxes.get(key(login));
    if (box == null) throw new IllegalArgumentException("no mailbox " + login);
    return box;
  }

  private static String key(String login) {
    return login.trim().toLowerCase(Locale.ROOT);
  }
}
