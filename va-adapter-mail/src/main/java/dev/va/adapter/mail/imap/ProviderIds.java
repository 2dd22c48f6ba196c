package dev.va.adapter.mail.imap;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Provider message ids of IMAP messages. A message with a usable Message-ID header is {@code mid:<message-id>}: it
 * stays the same when the folder's UIDVALIDITY changes and when the message moves, so a resync brings no duplicates,
 * and it can still be found on the server (SEARCH HEADER Message-ID), which a hash of it could not. Only a message
 * without one falls back to its place, {@code uid:<uidvalidity>:<uid>:<folder>}, which a UIDVALIDITY change or a
 * move makes stale.
 */
final class ProviderIds {
  static final int MAX_MESSAGE_ID = 400;

  sealed interface Ref permits ByMessageId, ByUid {}

  /** {@code messageId} in header form, with its angle brackets. */
  record ByMessageId(String messageId) implements Ref {}

  record ByUid(String folder, long uidValidity, long uid) implements Ref {}

  private ProviderIds() {}

  static String of(String messageIdHeader, String folder, long uidValidity, long uid) {
    if (usable(messageIdHeader)) return "mid:" + messageIdHeader.substring(1, messageIdHeader.length() - 1);
    return "uid:" + uidValidity + ":" + uid + ":" + URLEncoder.encode(folder, StandardCharsets.UTF_8);
  }

  static Optional<Ref> parse(String providerId) {
    if (providerId == null) return Optional.empty();
    if (providerId.startsWith("mid:") && providerId.length() > 4) {
      return Optional.of(new ByMessageId("<" + providerId.substring(4) + ">"));
    }
    if (providerId.startsWith("uid:")) {
      String[] parts = providerId.substring(4).split(":", 3);
      try {
        if (parts.length == 3) {
          return Optional.of(new ByUid(URLDecoder.decode(parts[2], StandardCharsets.UTF_8), Long.parseLong(parts[0]),
              Long.parseLong(parts[1])));
        }
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean usable(String id) {
    if (id == null || id.length() < 3 || id.length() > MAX_MESSAGE_ID + 2) return false;
    if (id.charAt(0) != '<' || id.charAt(id.length() - 1) != '>') return false;
    for (int i = 1; i < id.length() - 1; i++) {
      char c = id.charAt(i);
      if (c <= ' ' || c == 127 || c == '<' || c == '>' || c == '"' || c == '\\') return false;
    }
    return true;
  }
}
