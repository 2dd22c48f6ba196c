package dev.va.adapter.mail;

import dev.va.adapter.mail.mime.MimeLimits;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the mail adapter.
 *
 * @param mime limits of MIME parsing (message size, nesting depth, header size)
 * @param firstSyncDays a first sync (or a resync) reads mail received in this many last days; 0: no day limit
 * @param firstSyncMaxMessages and at most this many of the newest messages per folder; 0: no count limit
 * @param syncBatchSize most messages returned by one sync call (the rest come with the next call)
 * @param syncFolders IMAP folders that are synced, in order
 * @param archiveFolder where "archive" moves a message
 * @param connectTimeout timeout of opening a connection
 * @param readTimeout timeout of a read on an open connection
 * @param writeTimeout timeout of a write on an open connection
 * @param trust which certificates servers may present over TLS and STARTTLS
 */
public record MailSettings(
    MimeLimits mime,
    int firstSyncDays,
    int firstSyncMaxMessages,
    int syncBatchSize,
    List<String> syncFolders,
    String archiveFolder,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    MailTrust trust) {

  public MailSettings {
    if (trust == null) throw new IllegalArgumentException("trust is required");
    if (mime == null) throw new IllegalArgumentException("mime limits are required");
    if (firstSyncDays < 0 || firstSyncMaxMessages < 0) {
      throw new IllegalArgumentException("first-sync window must not be negative");
    }
    if (syncBatchSize < 1) throw new IllegalArgumentException("syncBatchSize must be at least 1");
    syncFolders = List.copyOf(syncFolders);
    if (syncFolders.isEmpty()) throw new IllegalArgumentException("at least one sync folder is required");
    if (archiveFolder == null || archiveFolder.isBlank()) throw new IllegalArgumentException("archiveFolder is required");
    for (Duration timeout : List.of(connectTimeout, readTimeout, writeTimeout)) {
      if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }
  }

  /** Trusting the JDK's trust store. */
  public MailSettings(MimeLimits mime, int firstSyncDays, int firstSyncMaxMessages, int syncBatchSize,
      List<String> syncFolders, String archiveFolder, Duration connectTimeout, Duration readTimeout,
      Duration writeTimeout) {
    this(mime, firstSyncDays, firstSyncMaxMessages, syncBatchSize, syncFolders, archiveFolder, connectTimeout,
        readTimeout, writeTimeout, MailTrust.system());
  }

  public MailSettings withTrust(MailTrust newTrust) {
    return new MailSettings(mime, firstSyncDays, firstSyncMaxMessages, syncBatchSize, syncFolders, archiveFolder,
        connectTimeout, readTimeout, writeTimeout, newTrust);
  }

  public static MailSettings defaults() {
    return new MailSettings(MimeLimits.defaults(), 30, 500, 200, List.of("INBOX"), "Archive",
        Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(60));
  }
}
