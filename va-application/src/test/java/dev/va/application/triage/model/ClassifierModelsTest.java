package dev.va.application.triage.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.InMemoryClassifierModelStore;
import dev.va.application.fake.SettableClock;
import dev.va.application.triage.TestMessages;
import dev.va.application.triage.classify.SyntheticMail;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.signals.HeaderSignals;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassifierModelsTest {
  private static final HeaderSignals NO_SENT_MAIL = new HeaderSignals(id -> false);

  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-04T10:16:00.123456789Z"));
  private final InMemoryClassifierModelStore store = new InMemoryClassifierModelStore();
  private final TriageModel base = new TriageModel(SyntheticMail.categoryModel(),
      Optional.of(SyntheticMail.needsReplyDetector().model()));
  private final UserId alice = UserId.random();
  private final UserId bob = UserId.random();

  private static EmailMessage invoice(int n) {
    return TestMessages.parse("From: Billing <billing@vendor.example>\nTo: me@va.test\nSubject: Invoice " + n
        + "\n\nPlease find invoice " + n + " attached, amount due " + (90 + n) + " EUR.\n");
  }

  private Category category(ClassifierModels models, UserId user, EmailMessage message) {
    return models.classifier(user, NO_SENT_MAIL).classify(message).category();
  }

  @Test
  void a_correction_teaches_the_users_model_only() {
    ClassifierModels models = new ClassifierModels(base, store, clock);
    Category before = category(models, alice, invoice(1));
    assertThat(before).isNotEqualTo(new Category("invoices"));

    models.learn(alice, invoice(1), new Category("invoices"), Optional.empty());

    assertThat(category(models, alice, invoice(2))).isEqualTo(new Category("invoices"));
    assertThat(category(models, bob, invoice(2))).as("others keep the base model").isEqualTo(before);
    assertThat(models.forUser(bob)).isSameAs(base);
    assertThat(base.categories().labels()).doesNotContain("invoices");
    assertThat(store.updatedAt(alice)).contains(Instant.parse("2025-03-04T10:16:00.123456Z"));
  }

  @Test
  void another_process_sees_a_correction_from_the_next_message_on() {
    ClassifierModels worker = new ClassifierModels(base, store, clock);
    ClassifierModels web = new ClassifierModels(base, store, clock);
    web.learn(alice, invoice(1), new Category("invoices"), Optional.empty());

    assertThat(category(worker, alice, invoice(2))).isEqualTo(new Category("invoices"));
    int loads = store.loads();
    category(worker, alice, invoice(3));
    assertThat(store.loads()).as("an unchanged model is not read again").isEqualTo(loads);

    // a second correction within the same microsecond still looks newer, so the worker picks it up
    web.learn(alice, invoice(2), new Category("billing"), Optional.empty());
    assertThat(category(worker, alice, invoice(4))).isIn(new Category("billing"), new Category("invoices"));
    assertThat(store.loads()).isEqualTo(loads + 1);
    assertThat(store.updatedAt(alice)).contains(Instant.parse("2025-03-04T10:16:00.123457Z"));
  }

  @Test
  void a_needs_reply_correction_teaches_a_trained_detector_and_leaves_cues_alone() {
    ClassifierModels models = new ClassifierModels(base, store, clock);
    EmailMessage question = TestMessages.parse("From: Ann <ann@example.org>\nTo: me@va.test\nSubject: Status\n\n"
        + "Could you look at the figures?\n");
    double before = models.forUser(alice).needsReplyDetector().assess(question).probability();

    models.learn(alice, question, Category.PERSONAL, Optional.of(false));

    assertThat(models.forUser(alice).needsReplyDetector().assess(question).probability()).isLessThan(before);

    ClassifierModels untrained = new ClassifierModels(TriageModel.untrained(), store, clock);
    clock.set(clock.instant().plus(Duration.ofSeconds(1)));
    untrained.learn(bob, question, Category.PERSONAL, Optional.of(false));
    assertThat(untrained.forUser(bob).needsReply()).as("no model trained from one answer").isEmpty();
  }

  @Test
  void a_deleted_category_is_forgotten_by_the_users_model_in_every_process() {
    ClassifierModels web = new ClassifierModels(base, store, clock);
    ClassifierModels worker = new ClassifierModels(base, store, clock);
    Category before = category(web, alice, invoice(1));
    web.learn(alice, invoice(1), new Category("invoices"), Optional.empty());
    assertThat(category(worker, alice, invoice(2))).isEqualTo(new Category("invoices"));

    web.forget(alice, new Category("invoices"));

    assertThat(web.forUser(alice).categories().labels()).doesNotContain("invoices");
    assertThat(category(worker, alice, invoice(2))).isEqualTo(before);
    // nothing to forget: no save
    Optional<Instant> saved = store.updatedAt(alice);
    clock.set(clock.instant().plus(Duration.ofSeconds(1)));
    web.forget(alice, new Category("invoices"));
    web.forget(bob, new Category("invoices"));
    assertThat(store.updatedAt(alice)).isEqualTo(saved);
    assertThat(store.updatedAt(bob)).isEmpty();
  }
}
