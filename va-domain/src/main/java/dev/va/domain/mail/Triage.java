package dev.va.domain.mail;

import dev.va.domain.shared.Require;
import java.time.Instant;
import java.util.List;

/**
 * The triage state of a message: its category with a confidence, whether it needs a reply, whether va flagged it
 * or auto-replied, and why. {@code processed} is false until triage has run once.
 */
public record Triage(
    Category category,
    double confidence,
    boolean needsReply,
    boolean flagged,
    boolean autoReplySent,
    boolean processed,
    Instant processedAt,
    List<String> reasons) {

  public static final Triage PENDING = new Triage(null, 0.0, false, false, false, false, null, List.of());

  public Triage {
    Require.range(confidence, 0.0, 1.0, "confidence");
    reasons = List.copyOf(reasons == null ? List.of() : reasons);
    Require.that(!processed || (category != null && processedAt != null), "triage",
        "a processed message needs a category and a processed time");
  }

  public Triage classified(Category newCategory, double newConfidence, boolean newNeedsReply, List<String> why,
      Instant now) {
    return new Triage(newCategory, newConfidence, newNeedsReply, flagged, autoReplySent, true, now, why);
  }

  public Triage withFlagged(boolean value) {
    return new Triage(category, confidence, needsReply, value, autoReplySent, processed, processedAt, reasons);
  }

  public Triage withAutoReplySent() {
    return new Triage(category, confidence, needsReply, flagged, true, processed, processedAt, reasons);
  }
}
