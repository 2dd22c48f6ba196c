package dev.va.application.triage.model;

import dev.va.application.NotFoundException;
import dev.va.application.port.in.TriageUseCases.CorrectClassification;
import dev.va.application.port.in.TriageUseCases.CorrectClassificationCommand;
import dev.va.application.port.in.TriageUseCases.ExplainTriage;
import dev.va.application.port.in.TriageUseCases.TriageExplanation;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.CategorySet;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.Triage;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A user's view of a message's classification, and their corrections of it: the message takes the user's category
 * (a built-in one or one of their own) with full confidence, and the user's model learns from it. The message counts as processed afterwards, so a
 * triage job still queued for it leaves it alone (its rules do not run).
 */
public final class ClassificationCorrections implements CorrectClassification, ExplainTriage {
  public static final String REASON = "corrected by user";

  private final EmailMessageRepository messages;
  private final ClassifierModels models;
  private final UserCategoryRepository categories;
  private final Clock clock;

  public ClassificationCorrections(EmailMessageRepository messages, ClassifierModels models,
      UserCategoryRepository categories, Clock clock) {
    this.messages = messages;
    this.models = models;
    this.categories = categories;
    this.clock = clock;
  }

  @Override
  public EmailMessage correct(CorrectClassificationCommand command) {
    EmailMessage message = messages.findById(command.user(), command.message())
        .orElseThrow(() -> new NotFoundException("message"));
    Require.notBlank(command.category(), "category");
    Category category = new Category(command.category());
    Require.that(new CategorySet(categories.listByUser(command.user())).allows(category), "category",
        "category must be a built-in category or one of yours: \"" + category.name() + "\" is neither");
    Triage stored = message.triage();
    boolean needsReply = command.needsReply() == null ? stored.needsReply() : command.needsReply();
    Instant now = clock.instant();
    EmailMessage corrected = message.withTriage(
        stored.classified(category, 1.0, needsReply, List.of(REASON), now), now);
    models.learn(command.user(), message, category, Optional.ofNullable(command.needsReply()));
    messages.update(corrected);
    return corrected;
  }

  @Override
  public TriageExplanation explain(UserId user, EmailMessageId id) {
    EmailMessage message = messages.findById(user, id).orElseThrow(() -> new NotFoundException("message"));
    return new TriageExplanation(message, messages.ruleApplications(user, id));
  }
}
