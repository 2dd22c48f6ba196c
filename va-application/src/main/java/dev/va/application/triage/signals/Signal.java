package dev.va.application.triage.signals;

import dev.va.domain.mail.Category;
import java.util.Objects;

/**
 * What a header says about a message: a category hint with a confidence, whether a reply is expected, and a
 * reason a user can read. A {@code decisive} signal is reliable enough that no model needs to look further.
 */
public record Signal(String name, Category category, double confidence, boolean decisive, ReplyHint reply,
    String reason) {

  /** What the signal implies about needing a reply. */
  public enum ReplyHint { UNKNOWN, EXPECTED, NOT_EXPECTED }

  public Signal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(reason, "reason");
    if (!(confidence >= 0.0 && confidence <= 1.0)) throw new IllegalArgumentException("confidence in [0, 1]");
  }
}
