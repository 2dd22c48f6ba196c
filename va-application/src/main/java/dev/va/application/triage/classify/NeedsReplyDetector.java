package dev.va.application.triage.classify;

import dev.va.domain.mail.EmailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
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

  // every phrase starts at a word boundary: testing it once per position, not once per phrase, keeps this cheap
  private static final Pattern REQUEST = Pattern.compile(
      "\\b(?:(could|can|would|will) you\\b|please\\b|let me know\\b|get back to\\b"
          + "|are you (able|free|available)\\b|do you (have|know|think|want)\\b|what do you think\\b"
          + "|rsvp\\b|kindly\\b|i need\\b"
          + "|we need\\b|need you to\\b|when (can|could|will)\\b|any (thoughts|update|news)\\b"
          + "|confirm\\b|call me\\b|send me\\b)");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n\\s*\\n");
  private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^\\s*((re|fwd?|aw|sv)\\s*:\\s*)+");
  private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
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
    OptionalDouble yes = model.probability(features(sentence), YES);
    return yes.isPresent() ? yes.getAsDouble() : cues(sentence);
  }

  private double cues(String sentence) {
    String text = sentence.toLowerCase(Locale.ROOT).trim();
    boolean cue = text.endsWith("?") || REQUEST.matcher(text).find();
    return cue ? Math.min(0.99, threshold + 0.05) : threshold / 2;
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
      out.add(REPLY_PREFIX.matcher(message.subject()).replaceFirst("").trim());
    }
    String body = message.bodyText() == null ? "" : message.bodyText();
    if (body.length() > TextFeatures.MAX_BODY_CHARS) body = body.substring(0, TextFeatures.MAX_BODY_CHARS);
    StringBuilder own = new StringBuilder();
    for (String line : LINE_BREAK.split(body)) {
      String trimmed = line.trim();
      if (QUOTE_HEADER.matcher(trimmed).matches()) break;
      if (trimmed.startsWith(">")) continue;
      own.append(line).append('\n');
    }
    for (String sentence : SENTENCE_END.split(own)) {
      String s = WHITE_SPACE.matcher(sentence).replaceAll(" ").trim();
      if (s.length() < 3) continue;
      out.add(s.length() > 500 ? s.substring(0, 500) : s);
      if (out.size() > MAX_SENTENCES) break;
    }
    return out;
  }
}
