package dev.va.application.triage.model;

import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static dev.va.application.fixture.EmailMessageBuilder.aMessage;
import static dev.va.application.fixture.UserBuilder.aUser;
import static dev.va.application.fixture.UserCategoryBuilder.aCategory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.NotFoundException;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.in.TriageUseCases.CorrectClassificationCommand;
import dev.va.application.port.in.TriageUseCases.TriageExplanation;
import dev.va.application.port.out.AppliedRule;
import dev.va.application.triage.classify.TriageModel;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.Triage;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClassificationCorrectionsTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-04T10:16:00Z"));
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final ClassificationCorrections corrections = new ClassificationCorrections(repositories.messages(),
      new ClassifierModels(TriageModel.untrained(), repositories.models(), clock), repositories.categories(), clock);
  private EmailMessage message;
  private User stranger;

  @BeforeEach
  void setUp() {
    User owner = aUser().build();
    stranger = aUser().build();
    repositories.users().insert(owner);
    repositories.users().insert(stranger);
    EmailAccount account = anImapAccount(owner.id()).build();
    repositories.accounts().insert(account);
    message = aMessage(account).build();
    repositories.messages().insertIfAbsent(message);
  }

  @Test
  void stores_the_users_category_with_full_confidence_keeping_the_rest() {
    EmailMessage corrected = corrections.correct(
        new CorrectClassificationCommand(message.userId(), message.id(), "Newsletter", null));

    Triage expected = new Triage(Category.NEWSLETTER, 1.0, message.triage().needsReply(),
        message.triage().flagged(), false, true, clock.instant(), List.of("corrected by user"));
    assertThat(corrected.triage()).isEqualTo(expected);
    assertThat(repositories.messages().findById(message.userId(), message.id())).contains(corrected);
    assertThat(repositories.models().updatedAt(message.userId())).contains(clock.instant());
  }

  @Test
  void needs_reply_is_changed_only_when_given() {
    assertThat(corrections.correct(new CorrectClassificationCommand(message.userId(), message.id(), "personal",
        false)).triage().needsReply()).isFalse();
    assertThat(corrections.correct(new CorrectClassificationCommand(message.userId(), message.id(), "personal",
        null)).triage().needsReply()).isFalse();
  }

  @Test
  void another_users_message_is_not_found_whatever_the_correction_says() {
    for (String category : new String[] {"spam", null, "no such category!"}) {
      assertThatThrownBy(() -> corrections.correct(
          new CorrectClassificationCommand(stranger.id(), message.id(), category, true)))
          .isInstanceOf(NotFoundException.class);
    }
    assertThatThrownBy(() -> corrections.correct(
        new CorrectClassificationCommand(message.userId(), EmailMessageId.random(), "spam", null)))
        .isInstanceOf(NotFoundException.class);
    assertThat(repositories.messages().findById(message.userId(), message.id())).contains(message);
    assertThat(repositories.models().updatedAt(stranger.id())).isEmpty();
  }

  @Test
  void an_invalid_category_changes_nothing() {
    repositories.categories().insert(aCategory(stranger.id()).name("theirs").build(), 50);
    for (String category : new String[] {null, " ", "9lives", "way-too-long-" + "x".repeat(50), "invoices",
        "theirs"}) {
      assertThatThrownBy(() -> corrections.correct(
          new CorrectClassificationCommand(message.userId(), message.id(), category, null)))
          .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("category"));
    }
    assertThat(repositories.messages().findById(message.userId(), message.id())).contains(message);
    assertThat(repositories.models().updatedAt(message.userId())).isEmpty();
  }

  @Test
  void takes_one_of_the_users_own_categories() {
    repositories.categories().insert(aCategory(message.userId()).name("invoices").build(), 50);

    EmailMessage corrected = corrections.correct(
        new CorrectClassificationCommand(message.userId(), message.id(), "Invoices", true));

    assertThat(corrected.triage().category()).isEqualTo(new Category("invoices"));
    assertThat(corrected.triage().needsReply()).isTrue();
    assertThat(repositories.models().updatedAt(message.userId())).isPresent();
  }

  @Test
  void explains_a_message_with_the_rules_that_fired_to_its_owner_only() {
    AppliedRule flagged = new AppliedRule(AutoReplyRuleId.random(), 2, "clients", List.of("from ends_with x"),
        List.of(new AppliedRule.Action("flag", Map.of())));
    repositories.messages().saveTriage(message, List.of(flagged));

    TriageExplanation explanation = corrections.explain(message.userId(), message.id());

    assertThat(explanation.message()).isEqualTo(message);
    assertThat(explanation.ruleApplications()).containsExactly(flagged);
    assertThatThrownBy(() -> corrections.explain(stranger.id(), message.id())).isInstanceOf(NotFoundException.class);
  }
}
