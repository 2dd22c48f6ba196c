package dev.va.application.triage.classify;

import dev.va.application.triage.TestMessages;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import java.util.ArrayList;
import java.util.List;

/** Small training sets made up for these tests: spam-like offers and personal notes, and reply-seeking sentences. */
public final class SyntheticMail {
  private static final String[] OFFERS = {"cheap pills", "casino bonus", "free money", "replica watches",
      "weight loss miracle", "crypto riches"};
  private static final String[] TOPICS = {"the budget", "lunch", "the project plan", "our trip", "the report",
      "the kids' school"};

  private SyntheticMail() {}

  public static EmailMessage spam(int i) {
    String offer = OFFERS[i % OFFERS.length];
    return TestMessages.parse("From: Best Deals <deals" + i + "@promo" + (i % 3) + ".biz>\nTo: me@va.test\n"
        + "Subject: " + offer.toUpperCase() + " - LIMITED OFFER!!!\n\nBuy " + offer + " now! Click http://promo"
        + (i % 3) + ".biz/buy to claim your $" + (100 + i) + " discount. Unsubscribe anytime. Act now!\n");
  }

  public static EmailMessage personal(int i) {
    String topic = TOPICS[i % TOPICS.length];
    return TestMessages.parse("From: Friend <friend" + i + "@home" + (i % 2) + ".test>\nTo: me@va.test\n"
        + "Subject: About " + topic + "\n\nHi, I looked at " + topic + " yesterday. It went fine and I think we"
        + " are in good shape. All the best.\n");
  }

  /** A trained category model telling spam from personal mail. */
  public static LogisticRegression categoryModel() {
    List<List<String>> docs = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      docs.add(LocalClassifier.features(spam(i)));
      labels.add(Category.SPAM.name());
      docs.add(LocalClassifier.features(personal(i)));
      labels.add(Category.PERSONAL.name());
    }
    LogisticRegression model = Models.newCategoryModel();
    model.fit(docs, labels, Models.CATEGORY_EPOCHS, 3);
    return model;
  }

  static final List<String> ASKING = List.of("Could you send me the report by Friday?",
      "Can you call me tomorrow?", "Please confirm the meeting time.", "Let me know if Tuesday works for you.",
      "Would you review the attached draft?", "What do you think about the new plan?",
      "Are you free for lunch next week?", "Please send the invoice to accounting.");
  static final List<String> TELLING = List.of("The report is attached for your records.",
      "We had a great time at the beach.", "The meeting went well yesterday.", "Thanks again for the lovely dinner.",
      "The package arrived this morning.", "Our team finished the release on time.",
      "I am travelling next week.", "This newsletter is sent monthly.");

  /** A trained needs-reply detector. */
  public static NeedsReplyDetector needsReplyDetector() {
    List<String> sentences = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    for (int i = 0; i < ASKING.size(); i++) {
      sentences.add(ASKING.get(i));
      labels.add(true);
      sentences.add(TELLING.get(i));
      labels.add(false);
    }
    NeedsReplyDetector detector = new NeedsReplyDetector(Models.newNeedsReplyModel(), 0.5);
    for (int round = 0; round < 4; round++) detector.fit(sentences, labels, round);
    return detector;
  }
}
