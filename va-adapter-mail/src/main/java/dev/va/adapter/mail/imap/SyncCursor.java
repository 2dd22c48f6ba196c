package dev.va.adapter.mail.imap;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * IMAP sync state kept in the account's {@code syncCursor}: per folder its UIDVALIDITY and the last UID handed out.
 * Text form, versioned: {@code v1;INBOX:1700000000:42;Work%2FProjects:1700000001:7} (folder names URL-encoded).
 */
record SyncCursor(Map<String, FolderState> folders) {
  static final String VERSION = "v1";

  record FolderState(long uidValidity, long lastUid) {}

  SyncCursor {
    folders = Map.copyOf(folders);
  }

  FolderState folder(String name) {
    return folders.get(name);
  }

  /** The cursor in {@code text}; empty when null, of another version or unreadable (a full resync follows). */
  static Optional<SyncCursor> parse(String text) {
    if (text == null || !text.startsWith(VERSION + ";")) return Optional.empty();
    Map<String, FolderState> folders = new LinkedHashMap<>();
    try {
      for (String entry : text.substring(VERSION.length() + 1).split(";")) {
        if (entry.isEmpty()) continue;
        String[] parts = entry.split(":");
        if (parts.length != 3) return Optional.empty();
        long uidValidity = Long.parseLong(parts[1]);
        long lastUid = Long.parseLong(parts[2]);
        if (uidValidity < 0 || lastUid < 0) return Optional.empty();
        folders.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), new FolderState(uidValidity, lastUid));
      }
    } catch (IllegalArgumentException e) { // NumberFormatException and bad %-escapes
      return Optional.empty();
    }
    return Optional.of(new SyncCursor(folders));
  }

  String format() {
    return VERSION + ";" + folders.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + ":" + e.getValue().uidValidity() + ":"
            + e.getValue().lastUid())
        .collect(Collectors.joining(";"));
  }
}
