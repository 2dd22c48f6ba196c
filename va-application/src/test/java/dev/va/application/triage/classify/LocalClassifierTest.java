package dev.va.application.triage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.port.out.Classifier.Classification;
import dev.va.application.triage.TestMessages;
import dev.va.application.triage.signals.HeaderSignals;
import dev.va.domain.mail.Category;
import dev.va.application.fixture.TestTimes;
import dev.va.domain.mail.CategorySet;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalClassifierTest {
  private final LocalClassifier classifier = new LocalClassifier(SyntheticMail.categoryModel(),
      SyntheticMail.needsReplyDetector(), new HeaderSignals(Set.of("mine@va.test")::contains));

  @Test
  void aDecisiveHeaderSignalSettlesTheCategory() {
    Classification c = classifier.classify(TestMessages.parse("""
        From: Friend <friend1@home1.test>
        Subject: About lunch
        Auto-Submitted: auto-replied

        Could you send me the report by Friday?
        """));
    assertThat(c.category()).isEqualTo(Category.NOTIFICATION);
    assertThat(c.confidence()).isEqualTo(0.95);
    assertThat(c.needsReply()).isFalse();
    assertThat(c.reasons()).containsExactly("sent automatically (Auto-Submitted: auto-replied)");
  }

  @Test
  void theModelDecidesWhenHeadersSayNothing() {
    Classification spam = classifier.classify(SyntheticMail.spam(101));
    assertThat(spam.category()).isEqualTo(Category.SPAM);
    assertThat(spam.confidence()).isGreaterThanOrEqualTo(LocalClassifier.SPAM_MINIMUM);
    assertThat(spam.needsReply()).isFalse();
    assertThat(spam.reasons().get(0)).startsWith("content model: spam (");
    Classification personal = classifier.classify(SyntheticMail.personal(101));
    assertThat(personal.category()).isEqualTo(Category.PERSONAL);
    assertThat(personal.needsReply()).isFalse();
  }

  @Test
  void confidentSpamOverridesListHeadersButASignalOtherwiseWins() {
    EmailMessage listedSpam = withHeader(SyntheticMail.spam(7), "list-unsubscribe", "<mailto:u@promo1.biz>");
    Classification c = classifier.classify(listedSpam);
    assertThat(c.category()).isEqualTo(Category.SPAM);
    assertThat(c.reasons()).anyMatch(r -> r.startsWith("despite mailing-list mail"));
    EmailMessage listedNote = withHeader(SyntheticMail.personal(7), "list-id", "<family.home.test>");
    Classification n = classifier.classify(listedNote);
    assertThat(n.category()).isEqualTo(Category.NEWSLETTER);
    assertThat(n.confidence()).isEqualTo(0.85);
  }

  @Test
  void agreeingEvidenceCombines() {
    EmailMessage reply = withHeader(SyntheticMail.personal(3), "in-reply-to", "<mine@va.test>");
    Classification c = classifier.classify(reply);
    assertThat(c.category()).isEqualTo(Category.PERSONAL);
    assertThat(c.confidence()).isGreaterThan(0.9);
    assertThat(c.needsReply()).isTrue();
    assertThat(c.reasons()).first().isEqualTo("a reply in a thread you wrote in (<mine@va.test>)");
  }

  @Test
  void needsReplyComesFromTheDetectorForPersonalMail() {
    Classification c = classifier.classify(TestMessages.parse("""
        From: Friend <friend2@home0.test>
        Subject: About the report

        Hi, I looked at the report yesterday. Could you send me the report by Friday?
        """));
    assertThat(c.needsReply()).isTrue();
    assertThat(c.reasons()).anyMatch(r -> r.startsWith("asks for a reply: \"Could you send me the report"));
  }

  @Test
  void withoutEvidenceItSaysSoWithLowConfidence() {
    LocalClassifier untrained = new LocalClassifier(Models.newCategoryModel(),
        new NeedsReplyDetector(Models.newNeedsReplyModel(), 0.5), new HeaderSignals(id -> false));
    Classification c = untrained.classify(SyntheticMail.personal(1));
    assertThat(c.category()).isEqualTo(Category.PERSONAL);
    assertThat(c.confidence()).isEqualTo(LocalClassifier.NO_EVIDENCE_CONFIDENCE);
    assertThat(c.reasons()).containsExactly("no header signal and no trained model");
  }

  @Test
  void correctionsTeachNewCategories() {
    LocalClassifier learning = new LocalClassifier(SyntheticMail.categoryModel(), SyntheticMail.needsReplyDetector(),
        new HeaderSignals(id -> false));
    EmailMessage invoice = TestMessages.parse("From: billing@vendor.test\nSubject: Invoice 42\n\nInvoice attached,"
        + " payment due in 30 days.\n");
    for (int i = 0; i < 30 && !learning.classify(invoice).category().name().equals("finance"); i++) {
      learning.update(LocalClassifier.features(invoice), new Category("finance"));
    }
    assertThat(learning.classify(invoice).category()).isEqualTo(new Category("finance"));
  }

  @Test
  void restrictedToACategorySetItNeverNamesALabelOutsideIt() {
    LocalClassifier learning = new LocalClassifier(SyntheticMail.categoryModel(), SyntheticMail.needsReplyDetector(),
        new HeaderSignals(id -> false));
    EmailMessage invoice = TestMessages.parse("From: billing@vendor.test\nSubject: Invoice 42\n\nInvoice attached,"
        + " payment due in 30 days.\n");
    for (int i = 0; i < 5; i++) learning.update(LocalClassifier.features(invoice), new Category("finance"));
    Classification unrestricted = learning.classify(invoice);
    assertThat(unrestricted.category()).isEqualTo(new Category("finance"));
    UserCategory finance = new UserCategory(UserId.random(), new Category("finance"), "bills", TestTimes.T0,
        TestTimes.T0);

    assertThat(learning.restrictedTo(new CategorySet(List.of(finance))).classify(invoice))
        .isEqualTo(unrestricted);
    Classification without = learning.restrictedTo(CategorySet.BUILT_IN).classify(invoice);

    assertThat(without.category()).isIn(Category.PERSONAL, Category.SPAM);
    // the forgotten label's share is not handed on: the best remaining label is less sure than the model was
    assertThat(without.confidence()).isLessThan(1 - unrestricted.confidence() + 1e-9);
    // spam is still recognised, and mail still gets the built-in categories
    assertThat(learning.restrictedTo(CategorySet.BUILT_IN).classify(SyntheticMail.spam(7)).category())
        .isEqualTo(Category.SPAM);
  }

  private static EmailMessage withHeader(EmailMessage m, String name, String value) {
    var headers = new java.util.HashMap<>(m.headers());
    headers.put(name, java.util.List.of(value));
    return new EmailMessage(m.id(), m.accountId(), m.userId(), m.providerMessageId(), m.threadId(),
        m.messageIdHeader(), m.from(), m.to(), m.cc(), m.subject(), m.receivedAt(), headers, m.bodyText(),
        m.attachments(), m.sizeBytes(), m.labels(), m.parseWarnings(), m.triage(), m.createdAt(), m.updatedAt());
  }
}
