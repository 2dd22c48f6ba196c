package dev.va.application.triage;

import dev.va.domain.mail.CategorySet;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.shared.EmailAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What triage needs to know about the user besides the message: their addresses, the categories their mail may be
 * given (the built-in ones and their own, which a language model chooses from), and when each rule last auto-replied
 * to a sender (looked up by the caller, e.g. preloaded for a batch, so the engine itself does no I/O).
 */
public record TriageContext(Set<EmailAddress> userAddresses, CategorySet categories, ReplyHistory replies) {

  /** When a rule last auto-replied to an address (lower-case), if ever. */
  @FunctionalInterface
  public interface ReplyHistory {
    Optional<Instant> lastAutoReply(AutoReplyRuleId rule, String address);

    ReplyHistory NONE = (rule, address) -> Optional.empty();
  }

  public TriageContext {
    userAddresses = Set.copyOf(userAddresses);
    Objects.requireNonNull(categories, "categories");
    Objects.requireNonNull(replies, "replies");
  }

  /** The built-in categories and no auto-reply history. */
  public static TriageContext of(Set<EmailAddress> userAddresses) {
    return new TriageContext(userAddresses, CategorySet.BUILT_IN, ReplyHistory.NONE);
  }
}
