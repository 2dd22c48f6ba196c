package dev.va.application.triage.classify;

import dev.va.application.port.out.Classifier;
import dev.va.application.triage.signals.HeaderSignals;
import dev.va.application.triage.signals.Signal;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.CategorySet;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.shared.DomainValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies without leaving the process: header signals first (a decisive one settles the matter), then the
 * category model, then the needs-reply detector. Confidence is a probability; below the engine's threshold the
 * language model may be asked.
 *
 * <p>How signals and the model combine: spam the model is sure of beats any non-decisive signal (spammers add
 * list headers too); otherwise the strongest signal names the category, and when the model agrees the two
 * confidences combine as independent evidence ({@code 1 - (1 - a)(1 - b)}); with no signal the model decides.
 */
public final class LocalClassifier implements Classifier {
  /** Model confidence from which a spam verdict overrides header signals. */
  public static final double SPAM_OVERRIDE = 0.9;
  /**
   * Model confidence below which the content model does not call a message spam: losing a wanted message costs
   * more than seeing an unwanted one, so a weak spam verdict yields the runner-up category at low confidence
   * (which lets a language model, when configured, decide).
   */
  public static final double SPAM_MINIMUM = 0.8;
  /** What a message gets when neither headers nor a trained model say anything. */
  public static final double NO_EVIDENCE_CONFIDENCE = 0.3;

  private static final Set<Category> NEVER_NEED_REPLY =
      Set.of(Category.SPAM, Category.NEWSLETTER, Category.PROMOTION, Category.NOTIFICATION);

  private final LogisticRegression categoryModel;
  private final NeedsReplyDetector needsReply;
  private final HeaderSignals signals;
  /** The categories the model may name; null: any label it knows. */
  private final CategorySet allowed;

  /**
   * @param categoryModel a model whose labels are category names (see {@link #update})
   * @param needsReply the needs-reply detector
   * @param signals header signals, built with the user's own sent Message-IDs
   */
  public LocalClassifier(LogisticRegression categoryModel, NeedsReplyDetector needsReply, HeaderSignals signals) {
    this(categoryModel, needsReply, signals, null);
  }

  private LocalClassifier(LogisticRegression categoryModel, NeedsReplyDetector needsReply, HeaderSignals signals,
      CategorySet allowed) {
    this.categoryModel = Objects.requireNonNull(categoryModel, "categoryModel");
    this.needsReply = Objects.requireNonNull(needsReply, "needsReply");
    this.signals = Objects.requireNonNull(signals, "signals");
    this.allowed = allowed;
  }

  /**
   * The same models, naming only categories of {@code categories}: a label the model learnt that is not (or no
   * longer) one of them, such as a category its user deleted meanwhile, is passed over. Its probability is not
   * handed to the others, so such mail gets a lower confidence (and, when configured, the language model decides).
   */
  public LocalClassifier restrictedTo(CategorySet categories) {
    return new LocalClassifier(categoryModel, needsReply, signals, Objects.requireNonNull(categories, "categories"));
  }

  /** The features the category model sees for a message. */
  public static List<String> features(EmailMessage message) {
    return TextFeatures.message(message);
  }

  /** Learns from a user's correction: these features belong to {@code category}. */
  public void update(List<String> features, Category category) {
    categoryModel.update(features, category.name());
  }

  @Override
  public Classification classify(EmailMessage message) {
    List<Signal> found = signals.detect(message);
    List<String> reasons = new ArrayList<>();
    Optional<Signal> decisive = found.stream().filter(Signal::decisive).findFirst();
    if (decisive.isPresent()) {
      Signal s = decisive.get();
      reasons.add(s.reason());
      return new Classification(s.category(), s.confidence(), s.reply() == Signal.ReplyHint.EXPECTED, reasons);
    }

    Optional<LogisticRegression.Prediction> prediction = predict(message);
    Optional<Signal> strongest = found.stream().findFirst();
    Category category;
    double confidence;
    if (prediction.isPresent() && isSpam(prediction.get()) && prediction.get().probability() >= SPAM_OVERRIDE) {
      category = Category.SPAM;
      confidence = prediction.get().probability();
      reasons.add(modelReason(prediction.get()));
      strongest.ifPresent(s -> reasons.add("despite " + s.reason()));
    } else if (strongest.isPresent()) {
      Signal s = strongest.get();
      category = s.category();
      confidence = s.confidence();
      reasons.add(s.reason());
      if (prediction.isPresent() && prediction.get().label().equals(s.category().name())) {
        confidence = 1 - (1 - confidence) * (1 - prediction.get().probability());
        reasons.add(modelReason(prediction.get()));
      }
    } else if (prediction.isPresent() && isSpam(prediction.get()) && prediction.get().probability() < SPAM_MINIMUM
        && prediction.get().probabilities().size() > 1) {
      var runnerUp = prediction.get().probabilities().entrySet().stream().skip(1).findFirst().orElseThrow();
      category = new Category(runnerUp.getKey());
      confidence = runnerUp.getValue();
      reasons.add(String.format(Locale.ROOT, "content model: %s (%.2f), too unsure to call it spam (%.2f)",
          runnerUp.getKey(), runnerUp.getValue(), prediction.get().probability()));
    } else if (prediction.isPresent()) {
      category = new Category(prediction.get().label());
      confidence = prediction.get().probability();
      reasons.add(modelReason(prediction.get()));
    } else {
      category = Category.PERSONAL;
      confidence = NO_EVIDENCE_CONFIDENCE;
      reasons.add("no header signal and no trained model");
    }

    boolean reply = false;
    if (!NEVER_NEED_REPLY.contains(category)) {
      NeedsReplyDetector.Assessment assessment = needsReply.assess(message);
      boolean expected = found.stream().anyMatch(s -> s.reply() == Signal.ReplyHint.EXPECTED);
      reply = needsReply.needsReply(assessment) || expected;
      if (needsReply.needsReply(assessment)) {
        reasons.add(String.format(Locale.ROOT, "asks for a reply: \"%s\" (%.2f)", abbreviate(assessment.sentence()),
            assessment.probability()));
      }
    }
    return new Classification(category, Math.min(1.0, confidence), reply, reasons);
  }

  /** The model's prediction among the allowed labels, most likely first. */
  private Optional<LogisticRegression.Prediction> predict(EmailMessage message) {
    Optional<LogisticRegression.Prediction> prediction = categoryModel.predict(features(message));
    if (allowed == null || prediction.isEmpty()) return prediction;
    Map<String, Double> kept = new LinkedHashMap<>();
    prediction.get().probabilities().forEach((label, p) -> {
      if (allows(label)) kept.put(label, p);
    });
    if (kept.isEmpty()) return Optional.empty();
    Map.Entry<String, Double> best = kept.entrySet().iterator().next();
    return Optional.of(new LogisticRegression.Prediction(best.getKey(), best.getValue(), kept));
  }

  private boolean allows(String label) {
    try {
      return allowed.allows(new Category(label));
    } catch (DomainValidationException notACategoryName) {
      return false;
    }
  }

  private static boolean isSpam(LogisticRegression.Prediction p) {
    return p.label().equals(Category.SPAM.name());
  }

  private static String modelReason(LogisticRegression.Prediction p) {
    return String.format(Locale.ROOT, "content model: %s (%.2f)", p.label(), p.probability());
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
