package dev.va.bootstrap;

import dev.va.application.triage.classify.LogisticRegression;
import dev.va.application.triage.classify.TriageModel;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the base classifier model ({@code VA_CLASSIFIER_MODEL}): a triage model file ({@code VATM}: category and
 * needs-reply models, as {@code va classifier train} writes it) or a bare category model ({@code VALR}, a
 * {@link LogisticRegression} file), told apart by their magic.
 */
final class ClassifierModelFile {
  private static final byte[] TRIAGE_MODEL = {'V', 'A', 'T', 'M'};
  private static final byte[] CATEGORY_MODEL = {'V', 'A', 'L', 'R'};

  private ClassifierModelFile() {}

  static TriageModel read(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      in.mark(TRIAGE_MODEL.length);
      byte[] magic = in.readNBytes(TRIAGE_MODEL.length);
      in.reset();
      if (Arrays.equals(magic, TRIAGE_MODEL)) return TriageModel.readFrom(in);
      if (Arrays.equals(magic, CATEGORY_MODEL)) {
        return new TriageModel(LogisticRegression.readFrom(in), Optional.empty());
      }
      throw new IllegalStateException("VA_CLASSIFIER_MODEL: " + file + " is not a va classifier model");
    } catch (IOException e) {
      throw new IllegalStateException("VA_CLASSIFIER_MODEL: cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
