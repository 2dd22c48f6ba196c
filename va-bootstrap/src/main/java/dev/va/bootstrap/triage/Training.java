package dev.va.bootstrap.triage;

import dev.va.application.triage.classify.LogisticRegression;
import dev.va.application.triage.classify.Models;
import dev.va.application.triage.classify.NeedsReplyDetector;
import dev.va.bootstrap.triage.IntentFile.Sentence;
import dev.va.bootstrap.triage.LabelledCorpus.Sample;
import java.util.List;

/** Training from scratch with the settings the evaluation chose ({@link Models}); repeatable for a given seed. */
final class Training {
  static final long SEED = 2010;

  private Training() {}

  static LogisticRegression categoryModel(List<Sample> samples, long seed) {
    LogisticRegression model = Models.newCategoryModel();
    model.fit(samples.stream().map(Sample::features).toList(),
        samples.stream().map(s -> s.category().name()).toList(), Models.CATEGORY_EPOCHS, seed);
    return model;
  }

  static NeedsReplyDetector needsReply(List<Sentence> sentences, long seed) {
    NeedsReplyDetector detector = new NeedsReplyDetector(Models.newNeedsReplyModel(), Models.NEEDS_REPLY_THRESHOLD);
    detector.fit(sentences.stream().map(Sentence::text).toList(),
        sentences.stream().map(Sentence::needsReply).toList(), seed);
    return detector;
  }

  /** Whether the detector says the sentence needs a reply. */
  static boolean predicts(NeedsReplyDetector detector, Sentence sentence) {
    return detector.probability(sentence.text()) >= detector.threshold();
  }
}
