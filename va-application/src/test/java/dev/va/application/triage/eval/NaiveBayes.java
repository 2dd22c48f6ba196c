package dev.va.application.triage.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The baseline the evaluation harness compares against: multinomial naive Bayes with Laplace (add-alpha) smoothing, trainable one document at a time so a user's
 * corrections refine it in place. With {@code binary} counts each feature counts once per document, which is
 * known to suit short, repetitive texts such as mail. Safe for concurrent use: predictions share a read lock,
 * updates take the write lock.
 *
 * <p>Raw naive Bayes posteriors are extreme (they multiply hundreds of dependent word likelihoods as if
 * independent), so {@link #predict} divides the log-odds by a temperature that grows with the number of known
 * features, {@code max(1, sqrt(n) / scale)}: long documents no longer look certain just for being long.
 */
final class NaiveBayes {
  private static final int MAX_FEATURE_LENGTH = 200;
  private static final int MAX_LABELS = 1_000;

  /** The most likely label, its probability, and the probability of every label (most likely first). */
  record Prediction(String label, double probability, Map<String, Double> probabilities) {
    public Prediction {
      probabilities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }
  }

  private final double alpha;
  private final boolean binary;
  private final double temperatureScale;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<String> labels = new ArrayList<>();
  private long[] documents = new long[0];
  private double[] totals = new double[0];
  private final Map<String, long[]> counts = new HashMap<>();

  /**
   * @param alpha additive smoothing (1 is Laplace)
   * @param binary count each feature once per document
   * @param temperatureScale features per unit of temperature growth ({@code sqrt(n) / scale}); larger is bolder
   */
  public NaiveBayes(double alpha, boolean binary, double temperatureScale) {
    if (!(alpha > 0)) throw new IllegalArgumentException("alpha must be positive");
    if (!(temperatureScale > 0)) throw new IllegalArgumentException("temperatureScale must be positive");
    this.alpha = alpha;
    this.binary = binary;
    this.temperatureScale = temperatureScale;
  }

  /** Adds one labelled document. */
  public void update(List<String> features, String label) {
    if (label == null || label.isBlank()) throw new IllegalArgumentException("label is required");
    lock.writeLock().lock();
    try {
      int index = labels.indexOf(label);
      if (index < 0) index = addLabel(label);
      documents[index]++;
      for (String feature : binary ? new HashSet<>(features) : features) {
        if (feature.length() > MAX_FEATURE_LENGTH) continue;
        long[] row = counts.computeIfAbsent(feature, f -> new long[labels.size()]);
        if (row.length < labels.size()) {
          row = Arrays.copyOf(row, labels.size());
          counts.put(feature, row);
        }
        row[index]++;
        totals[index]++;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private int addLabel(String label) {
    if (labels.size() >= MAX_LABELS) throw new IllegalStateException("too many labels");
    labels.add(label);
    documents = Arrays.copyOf(documents, labels.size());
    totals = Arrays.copyOf(totals, labels.size());
    return labels.size() - 1;
  }

  /** Empty until at least two labels have been seen. */
  public Optional<Prediction> predict(List<String> features) {
    lock.readLock().lock();
    try {
      int k = labels.size();
      if (k < 2) return Optional.empty();
      long allDocs = Arrays.stream(documents).sum();
      double vocabulary = counts.size();
      double[] score = new double[k];
      for (int c = 0; c < k; c++) {
        score[c] = Math.log((documents[c] + 1.0) / (allDocs + k));
      }
      double[] denominators = new double[k];
      for (int c = 0; c < k; c++) denominators[c] = Math.log(totals[c] + alpha * vocabulary);
      int known = 0;
      for (String feature : binary ? new HashSet<>(features) : features) {
        long[] row = counts.get(feature);
        if (row == null) continue;
        known++;
        for (int c = 0; c < k; c++) {
          long n = c < row.length ? row[c] : 0;
          score[c] += Math.log(n + alpha) - denominators[c];
        }
      }
      double temperature = Math.max(1.0, Math.sqrt(known) / temperatureScale);
      double max = Arrays.stream(score).max().orElseThrow();
      double sum = 0;
      double[] p = new double[k];
      for (int c = 0; c < k; c++) {
        p[c] = Math.exp((score[c] - max) / temperature);
        sum += p[c];
      }
      Integer[] order = new Integer[k];
      for (int c = 0; c < k; c++) order[c] = c;
      Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
      Map<String, Double> probabilities = new LinkedHashMap<>();
      for (int c : order) probabilities.put(labels.get(c), p[c] / sum);
      return Optional.of(new Prediction(labels.get(order[0]), p[order[0]] / sum, probabilities));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Training documents seen per label. */
  public Map<String, Long> documentsPerLabel() {
    lock.readLock().lock();
    try {
      Map<String, Long> out = new LinkedHashMap<>();
      for (int c = 0; c < labels.size(); c++) out.put(labels.get(c), documents[c]);
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  public int vocabularySize() {
    lock.readLock().lock();
    try {
      return counts.size();
    } finally {
      lock.readLock().unlock();
    }
  }
}
