package dev.va.adapter.mail.gmail;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Gmail sync state kept in the account's {@code syncCursor}. {@code g1:<historyId>}: synced up to that history id,
 * the next sync reads the history after it. {@code g1:<historyId>:<listed>:<pageToken>}: a full listing is under way,
 * {@code listed} messages were handed out and {@code pageToken} is the next page; the history id is the one taken
 * when the listing began, from which the history is read once it is done.
 */
record GmailCursor(BigInteger historyId, int listed, String pageToken) {
  static final String VERSION = "g1";

  GmailCursor {
    if (historyId == null || historyId.signum() < 0) throw new IllegalArgumentException("bad history id");
    if (listed < 0) throw new IllegalArgumentException("bad count");
  }

  static GmailCursor at(BigInteger historyId) {
    return new GmailCursor(historyId, 0, null);
  }

  boolean listing() {
    return pageToken != null;
  }

  /** The cursor in {@code text}; empty when null, of another version or unreadable (a full sync follows). */
  static Optional<GmailCursor> parse(String text) {
    if (text == null || !text.startsWith(VERSION + ":")) return Optional.empty();
    String[] parts = text.substring(VERSION.length() + 1).split(":", 3);
    try {
      BigInteger historyId = new BigInteger(parts[0]);
      if (parts.length == 1) return Optional.of(at(historyId));
      if (parts.length == 3 && !parts[2].isEmpty()) {
        return Optional.of(new GmailCursor(historyId, Integer.parseInt(parts[1]), parts[2]));
      }
    } catch (IllegalArgumentException e) { // NumberFormatException and the checks above
      return Optional.empty();
    }
    return Optional.empty();
  }

  String format() {
    return VERSION + ":" + historyId + (listing() ? ":" + listed + ":" + pageToken : "");
  }
}
