package dev.va.application.triage.classify;

/**
 * The settings the evaluation chose (docs/TRIAGE.md has the figures), so that production training and the
 * harness build models the same way.
 */
public final class Models {
  /** Passes over a corpus when training from scratch. */
  public static final int CATEGORY_EPOCHS = 10;
  public static final int NEEDS_REPLY_EPOCHS = 5;
  /** Probability from which the needs-reply detector says a message needs a reply. */
  public static final double NEEDS_REPLY_THRESHOLD = 0.5;

  private Models() {}

  /** An untrained category model: labels are category names. */
  public static LogisticRegression newCategoryModel() {
    return new LogisticRegression(0.5, 0.0);
  }

  /** An untrained needs-reply model: labels are {@link NeedsReplyDetector#YES} and {@link NeedsReplyDetector#NO}. */
  public static LogisticRegression newNeedsReplyModel() {
    return new LogisticRegression(0.1, 1e-5);
  }
}
