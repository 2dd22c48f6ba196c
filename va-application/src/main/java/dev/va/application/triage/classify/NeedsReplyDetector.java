package dev.va.application.triage.classify;

import dev.va.domain.mail.EmailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decides whether a message asks something of its reader. A binary logistic regression scores sentences; its
 * features are the sentence's words and word pairs plus cues that survive paraphrase (a question mark, a request
 * phrase, the first word, which is the verb of an imperative). A message scores as its most demanding sentence
 * among the subject and the first sentences of its own text (quoted replies and signatures left out).
 */
public final class NeedsReplyDetector {
  public static final String YES = "yes";
  public static final String NO = "no";
  public static final int MAX_SENTENCES = 30;

  private static final Pattern REQUEST = Pattern.compile(
      "\\b(could|can|would|will) you\\b|\\bplease\\b|\\blet me know\\b|\\bget back to\\b"
          + "|\\bare you (able|free|available)\\b|\\bdo you (have|know|think|want)\\b|\\bwhat do you think\\b"
          + "|\\brsvp\\b|\\bkindly\\b|\\bi need\\b"
          + "|\\bwe need\\b|\\bneed you to\\b|\\bwhen (can|could|will)\\b|\\bany (thoughts|update|news)\\b"
          + "|\\bconfirm\\b|\\bcall me\\b|\\bsend me\\b");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n\\s*\\n");
  private static final Pattern QUOTE_HEADER = Pattern.compile(
      "^(on .{0,200} wrote:|-----\\s*original message\\s*-----|from: .*|-- ?)$", Pattern.CASE_INSENSITIVE);

  /** How demanding a message is: the probability of its most demanding sentence, and that sentence. */
  public record Assessment(double probability, String sentence) {}

  private final LogisticRegression model;
  private final double threshold;

  /**
   * @param model a binary model with labels {@link #YES} and {@link #NO}
   * @param threshold the probability from which a message needs a reply
   */
  public NeedsReplyDetector(LogisticRegression model, double threshold) {
    this.model = Objects.requireNonNull(model, "model");
    if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("threshold in (0, 1)");
    this.threshold = threshold;
  }

  public LogisticRegression model() {
    return model;
  }

  public double threshold() {
    return threshold;
  }

  /** Features of one sentence. */
  public static List<String> features(String sentence) {
    List<String> words = TextFeatures.words(sentence);
    List<String> out = new ArrayList<>(words);
    for (int i = 0; i + 1 < words.size(); i++) out.add(words.get(i) + "_" + words.get(i + 1));
    String text = sentence.toLowerCase(Locale.ROOT).trim();
    if (text.endsWith("?")) out.add("__cue:question_end");
    if (REQUEST.matcher(text).find()) out.add("__cue:request");
    if (!words.isEmpty()) out.add("__first:" + words.get(0));
    return out;
  }

  /** Learns from one sentence (a correction, or training data). */
  public void update(String sentence, boolean needsReply) {
    model.update(features(sentence), needsReply ? YES : NO);
  }

  /** Trains from scratch on labelled sentences. */
  public void fit(List<String> sentences, List<Boolean> needsReply, long seed) {
    model.fit(sentences.stream().map(NeedsReplyDetector::features).toList(),
        needsReply.stream().map(b -> b ? YES : NO).toList(), Models.NEEDS_REPLY_EPOCHS, seed);
  }

  /**
   * The probability that a sentence asks for a reply. Before the model has seen both labels, only the cues count:
   * a question or a request phrase scores just above the threshold, anything else well below.
   */
  public double probability(String sentence) {
    return model.predict(features(sentence))
        .map(p -> p.probabilities().getOrDefault(YES, 0.0))
        .orElseGet(() -> {
          String text = sentence.toLowerCase(Locale.ROOT).trim();
          boolean cue = text.endsWith("?") || REQUEST.matcher(text).find();
          return cue ? Math.min(0.99, threshold + 0.05) : threshold / 2;
        });
  }

  public Assessment assess(EmailMessage message) {
    Assessment best = new Assessment(0.0, "");
    for (String sentence : sentences(message)) {
      double p = probability(sentence);
      if (p > best.probability()) best = new Assessment(p, sentence);
    }
    return best;
  }

  public boolean needsReply(Assessment assessment) {
    return assessment.probability() >= threshold;
  }

  /** The subject and the first sentences the sender wrote, without quoted text and signature. */
  static List<String> sentences(EmailMessage message) {
    List<String> out = new ArrayList<>();
    if (message.subject() != null && !message.subject().isBlank()) {
      out.add(message.subject().replaceFirst("(?i)^\\s*((re|fwd?|aw|sv)\\s*:\\s*)+", "").trim());
    }
    String body = message.bodyText() == null ? "" : message.bodyText();
    if (body.length() > TextFeatures.MAX_BODY_CHARS) body = body.substring(0, TextFeatures.MAX_BODY_CHARS);
    StringBuilder own = new StringBuilder();
    for (String line : body.split("\r?\n")) {
      String trimmed = line.trim();
      if (QUOTE_HEADER.matcher(trimmed).matches()) break;
      if (trimmed.startsWith(">")) continue;
      own.append(line).append('\n');
    }
    for (String sentence : SENTENCE_END.split(own)) {
      String s = sentence.replaceAll("\\s+", " ").trim();
      if (s.length() < 3) continue;
      out.add(s.length() > 500 ? s.substring(0, 500) : s);
      if (out.size() > MAX_SENTENCES) break;
    }
    return out;
  }
}
