package dev.va.application.port.out;

import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes the body of a reply draft with a language model: a short answer to {@code message} in the user's voice.
 * It only ever returns text, which becomes a draft the user must approve before anything is sent, so nothing a
 * message says can make it act. The text is plain ({@link #plainText}) and at most {@link #MAX_BODY} characters.
 * Empty on any failure (no budget left, timeout, refusal, an empty or malformed answer): the draft then falls back
 * to a template or a placeholder.
 */
public interface ReplyWriter {
  /** Longest body a writer returns; a model's longer answer is cut. */
  int MAX_BODY = 4_000;

  /**
   * The user the reply is written for.
   *
   * @param name the display name of the mailbox the message reached (null when it has none)
   * @param address that mailbox's address (null when unknown)
   */
  record Author(UserId user, String name, String address) {
    public Author {
      if (user == null) throw new IllegalArgumentException("user is required");
    }
  }

  Optional<String> write(Author author, EmailMessage message);

  /** Control characters other than line breaks and tabs, and the bidirectional overrides that disguise text. */
  Pattern HIDDEN = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u202A-\\u202E\\u2066-\\u2069]");

  /**
   * A model's answer as a draft body: line breaks normalised, hidden characters removed, surrounding blank space
   * trimmed, cut to {@link #MAX_BODY}; empty when nothing is left.
   */
  static Optional<String> plainText(String answer) {
    if (answer == null) return Optional.empty();
    String text = HIDDEN.matcher(answer.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("").strip();
    if (text.length() > MAX_BODY) {
      int end = Character.isHighSurrogate(text.charAt(MAX_BODY - 1)) ? MAX_BODY - 1 : MAX_BODY;
      text = text.substring(0, end).strip();
    }
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
