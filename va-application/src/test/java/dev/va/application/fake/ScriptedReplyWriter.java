package dev.va.application.fake;

import dev.va.application.port.out.ReplyWriter;
import dev.va.domain.mail.EmailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A language model that answers every message with one scripted text (or nothing, when down), bounded as the port
 * promises, and records who asked for which message.
 */
public final class ScriptedReplyWriter implements ReplyWriter {
  /** One request: for whom, and the message to answer. */
  public record Asked(Author author, EmailMessage message) {}

  private final String answer;
  private final List<Asked> asked = new ArrayList<>();

  private ScriptedReplyWriter(String answer) {
    this.answer = answer;
  }

  public static ScriptedReplyWriter answering(String text) {
    return new ScriptedReplyWriter(text);
  }

  public static ScriptedReplyWriter down() {
    return new ScriptedReplyWriter(null);
  }

  @Override
  public synchronized Optional<String> write(Author author, EmailMessage message) {
    asked.add(new Asked(author, message));
    return ReplyWriter.plainText(answer);
  }

  public synchronized List<Asked> asked() {
    return List.copyOf(asked);
  }
}
