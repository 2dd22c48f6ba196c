package dev.va.application.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.port.in.RuleUseCases.PreviewMatch;
import dev.va.application.port.in.RuleUseCases.RulePreview;
import dev.va.application.port.in.TriageUseCases.CorrectClassificationCommand;
import dev.va.application.triage.TestMessages;
import dev.va.application.triage.TriageOutcome.ClassifiedBy;
import dev.va.application.triage.classify.SyntheticMail;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.model.ClassificationCorrections;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.user.User;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Previews classify mail triage has not seen with the user's own models, as the triage job would. */
class RulePreviewTest {
  private static final String INVOICES_RULE = """
      {"when": {"field": "category", "op": "equals", "value": "invoices"},
       "then": [{"action": "label", "value": "bills"}]}""";

  // a base model trained on spam and personal mail, as VA_CLASSIFIER_MODEL gives one
  private final ReplyWorld world = new ReplyWorld(new TriageModel(SyntheticMail.categoryModel(), Optional.empty()));
  private final User user = world.user();
  private final EmailAccount account = world.account(user.id());

  /** The user's own category "invoices", which corrections may then name. */
  private void invoicesCategory(User owner) {
    world.repositories.categories().insert(UserCategory.create(owner.id(), "invoices", "Bills from suppliers",
        world.clock.instant()), UserCategory.MAX_PER_USER);
  }

  private EmailMessage invoice(int number) {
    return invoice(account, number);
  }

  /** A stored, untriaged invoice to {@code to}. */
  private EmailMessage invoice(EmailAccount to, int number) {
    EmailMessage m = TestMessages.parse("From: Billing <billing@vendor.example>\nTo: " + to.address().value()
        + "\nSubject: Invoice " + number + "\n\nPlease find invoice " + number + " attached, amount due 120 EUR.\n");
    EmailMessage mine = new EmailMessage(m.id(), to.id(), to.userId(), m.providerMessageId(), m.threadId(),
        m.messageIdHeader(), m.from(), m.to(), m.cc(), m.subject(), m.receivedAt(), m.headers(), m.bodyText(),
        m.attachments(), m.sizeBytes(), m.labels(), m.parseWarnings(), m.triage(), m.createdAt(), m.updatedAt());
    world.repositories.messages().insertIfAbsent(mine);
    return mine;
  }

  @Test
  void aPreviewOfUntriagedMailFollowsTheUsersCorrections() {
    EmailMessage corrected = invoice(2291);
    EmailMessage untriaged = invoice(2292);
    invoicesCategory(user);
    assertThat(world.rules.previewUnsaved(user.id(), null, INVOICES_RULE, 10).matches()).isEmpty();

    new ClassificationCorrections(world.repositories.messages(), world.models, world.repositories.categories(),
        world.clock)
        .correct(new CorrectClassificationCommand(user.id(), corrected.id(), "invoices", false));
    RulePreview preview = world.rules.previewUnsaved(user.id(), null, INVOICES_RULE, 10);

    assertThat(preview.examined()).isEqualTo(2);
    assertThat(preview.matches()).extracting(m -> m.message().id())
        .containsExactlyInAnyOrder(corrected.id(), untriaged.id());
    PreviewMatch fresh = preview.matches().stream().filter(m -> m.message().id().equals(untriaged.id()))
        .findFirst().orElseThrow();
    assertThat(fresh.outcome().classifiedBy()).isEqualTo(ClassifiedBy.LOCAL);
    assertThat(fresh.outcome().category()).isEqualTo(new Category("invoices"));
  }

  @Test
  void anotherUsersCorrectionsDoNotChangeThePreview() {
    User other = world.user();
    EmailMessage theirs = invoice(world.account(other.id()), 7);
    invoice(2292);
    invoicesCategory(user);
    invoicesCategory(other);

    new ClassificationCorrections(world.repositories.messages(), world.models, world.repositories.categories(),
        world.clock)
        .correct(new CorrectClassificationCommand(other.id(), theirs.id(), "invoices", false));

    assertThat(world.rules.previewUnsaved(user.id(), null, INVOICES_RULE, 10).matches()).isEmpty();
  }
}
