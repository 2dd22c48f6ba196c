package dev.va.application.port.out;

import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import java.util.List;

/** Classifies a message locally (no network): cheap, run on every message. */
public interface Classifier {
  /** A category with its confidence, the needs-reply signal, and human-readable reasons. */
  record Classification(Category category, double confidence, boolean needsReply, List<String> reasons) {
    public Classification {
      reasons = List.copyOf(reasons);
    }
  }

  Classification classify(EmailMessage message);
}
