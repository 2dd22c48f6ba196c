package dev.va.application.triage.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The baseline the harness measures against: multinomial naive Bayes with Laplace smoothing, each feature counted
 * once per document. Its raw posteriors are extreme (hundreds of dependent word likelihoods multiplied as if
 * independent), so the log-odds are divided by {@code max(1, sqrt(known features) / 2)} before normalising.
 */
final class NaiveBayes {
  record Prediction(String label, double probability) {}

  private final List<String> labels = new ArrayList<>();
  private long[] documents = new long[0];
  private double[] totals = new double[0];
  private final Map<String, long[]> counts = new HashMap<>();

  void update(List<String> features, String label) {
    int index = labels.indexOf(label);
    if (index < 0) {
      labels.add(label);
      index = labels.size() - 1;
      documents = Arrays.copyOf(documents, labels.size());
      totals = Arrays.copyOf(totals, labels.size());
    }
    documents[index]++;
    for (String feature : new HashSet<>(features)) {
      long[] row = counts.computeIfAbsent(feature, f -> new long[labels.size()]);
      if (row.length < labels.size()) counts.put(feature, row = Arrays.copyOf(row, labels.size()));
      row[index]++;
      totals[index]++;
    }
  }

  Optional<Prediction> predict(List<String> features) {
    int k = labels.size();
    if (k < 2) return Optional.empty();
    long allDocs = Arrays.stream(documents).sum();
    double[] score = new double[k];
    for (int c = 0; c < k; c++) score[c] = Math.log((documents[c] + 1.0) / (allDocs + k));
    int known = 0;
    for (String feature : new HashSet<>(features)) {
      long[] row = counts.get(feature);
      if (row == null) continue;
      known++;
      for (int c = 0; c < k; c++) {
        score[c] += Math.log((c < row.length ? row[c] : 0) + 1.0) - Math.log(totals[c] + counts.size());
      }
    }
    double temperature = Math.max(1.0, Math.sqrt(known) / 2.0);
    int best = 0;
    for (int c = 1; c < k; c++) if (score[c] > score[best]) best = c;
    double sum = 0;
    for (int c = 0; c < k; c++) sum += Math.exp((score[c] - score[best]) / temperature);
    return Optional.of(new Prediction(labels.get(best), 1 / sum));
  }
}
