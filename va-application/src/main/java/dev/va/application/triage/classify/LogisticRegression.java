package dev.va.application.triage.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Multinomial logistic regression over sparse binary features, trained by stochastic gradient descent with
 * AdaGrad step sizes and L2 regularisation. A document's feature vector is scaled to unit length, so long and
 * short messages weigh alike. Training is online: {@link #fit} makes passes over a corpus, {@link #update} takes
 * one step on a single labelled document (a user's correction), so a model keeps learning after it is deployed.
 * Labels appear as they are first seen. Safe for concurrent use: predictions share a read lock, updates take the
 * write lock.
 *
 * <p>Chosen over multinomial naive Bayes and Apache OpenNLP's maxent document categorizer because it measured
 * better on both the spam and the needs-reply data (see docs/TRIAGE.md); its probabilities are also far less
 * extreme than naive Bayes', which matters because they decide when a language model is asked.
 */
public final class LogisticRegression {
  private static final byte[] MAGIC = {'V', 'A', 'L', 'R'};
  private static final int FORMAT_VERSION = 1;
  private static final int MAX_FEATURE_LENGTH = 200;
  private static final int MAX_LABELS = 200;
  private static final int MAX_FEATURES = 20_000_000;
  private static final double EPSILON = 1e-8;

  /** The most likely label, its probability, and the probability of every label (most likely first). */
  public record Prediction(String label, double probability, Map<String, Double> probabilities) {
    public Prediction {
      probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }
  }

  /** Weights of one feature (one per label) and their AdaGrad sums of squared gradients. */
  private static final class Row {
    float[] weights;
    float[] squares;

    Row(int labels) {
      weights = new float[labels];
      squares = new float[labels];
    }

    void grow(int labels) {
      if (weights.length < labels) {
        weights = Arrays.copyOf(weights, labels);
        squares = Arrays.copyOf(squares, labels);
      }
    }
  }

  private final double learningRate;
  private final double l2;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<String> labels = new ArrayList<>();
  private final Row bias = new Row(0);
  private final Map<String, Row> rows = new HashMap<>();

  /**
   * @param learningRate AdaGrad base step
   * @param l2 L2 penalty applied to the weights a step touches
   */
  public LogisticRegression(double learningRate, double l2) {
    if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be positive");
    if (!(l2 >= 0)) throw new IllegalArgumentException("l2 must not be negative");
    this.learningRate = learningRate;
    this.l2 = l2;
  }

  /** {@code epochs} passes over the documents in an order shuffled with {@code seed} (so training is repeatable). */
  public void fit(List<List<String>> documents, List<String> documentLabels, int epochs, long seed) {
    if (documents.size() != documentLabels.size()) throw new IllegalArgumentException("one label per document");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) order.add(i);
    Random random = new Random(seed);
    for (int epoch = 0; epoch < epochs; epoch++) {
      Collections.shuffle(order, random);
      for (int i : order) update(documents.get(i), documentLabels.get(i));
    }
  }

  /** One gradient step towards {@code label} for these features. */
  public void update(List<String> features, String label) {
    if (label == null || label.isBlank()) throw new IllegalArgumentException("label is required");
    List<String> distinct = distinct(features);
    lock.writeLock().lock();
    try {
      int y = labels.indexOf(label);
      if (y < 0) y = addLabel(label);
      int k = labels.size();
      double x = scale(distinct);
      double[] p = probabilities(distinct, x);
      for (int c = 0; c < k; c++) {
        double g = p[c] - (c == y ? 1 : 0);
        step(bias, c, g);
      }
      for (String feature : distinct) {
        Row row = rows.computeIfAbsent(feature, f -> new Row(k));
        row.grow(k);
        for (int c = 0; c < k; c++) {
          double g = (p[c] - (c == y ? 1 : 0)) * x + l2 * row.weights[c];
          step(row, c, g);
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void step(Row row, int c, double gradient) {
    row.squares[c] += (float) (gradient * gradient);
    row.weights[c] -= (float) (learningRate * gradient / Math.sqrt(row.squares[c] + EPSILON));
  }

  private int addLabel(String label) {
    if (labels.size() >= MAX_LABELS) throw new IllegalStateException("too many labels");
    labels.add(label);
    bias.grow(labels.size());
    return labels.size() - 1;
  }

  /**
   * Forgets {@code label}: its weights go, the other labels keep theirs (so they rank among themselves as before,
   * their probabilities now shared without it), and teaching the label again starts from nothing.
   *
   * @return false when the model has no such label
   */
  public boolean removeLabel(String label) {
    lock.writeLock().lock();
    try {
      int c = labels.indexOf(label);
      if (c < 0) return false;
      labels.remove(c);
      removeColumn(bias, c);
      for (Row row : rows.values()) removeColumn(row, c);
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static void removeColumn(Row row, int c) {
    // rows grow lazily: one that never saw label c has no column for it
    if (c >= row.weights.length) return;
    row.weights = without(row.weights, c);
    row.squares = without(row.squares, c);
  }

  private static float[] without(float[] values, int c) {
    float[] out = new float[values.length - 1];
    System.arraycopy(values, 0, out, 0, c);
    System.arraycopy(values, c + 1, out, c, values.length - c - 1);
    return out;
  }

  /** Empty until at least two labels have been seen. */
  public Optional<Prediction> predict(List<String> features) {
    lock.readLock().lock();
    try {
      if (labels.size() < 2) return Optional.empty();
      double[] p = probabilities(features);
      Integer[] order = new Integer[p.length];
      for (int c = 0; c < p.length; c++) order[c] = c;
      Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
      Map<String, Double> byLabel = new LinkedHashMap<>();
      for (int c : order) byLabel.put(labels.get(c), p[c]);
      return Optional.of(new Prediction(labels.get(order[0]), p[order[0]], byLabel));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The probability of one label, as {@link #predict} gives it, without ranking every label: for callers that ask
   * many times per message. Empty until at least two labels have been seen; 0 for a label never seen.
   */
  public OptionalDouble probability(List<String> features, String label) {
    lock.readLock().lock();
    try {
      if (labels.size() < 2) return OptionalDouble.empty();
      int c = labels.indexOf(label);
      return OptionalDouble.of(c < 0 ? 0.0 : probabilities(features)[c]);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The labels seen so far, in the order they were first seen. */
  public List<String> labels() {
    lock.readLock().lock();
    try {
      return List.copyOf(labels);
    } finally {
      lock.readLock().unlock();
    }
  }

  public int featureCount() {
    lock.readLock().lock();
    try {
      return rows.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** For training: the features are distinct already and {@code x} is their scale. */
  private double[] probabilities(List<String> features, double x) {
    int k = labels.size();
    double[] score = new double[k];
    for (int c = 0; c < k; c++) score[c] = bias.weights[c];
    for (String feature : features) {
      Row row = rows.get(feature);
      if (row == null) continue;
      for (int c = 0; c < Math.min(k, row.weights.length); c++) score[c] += row.weights[c] * x;
    }
    return softmax(score);
  }

  /**
   * For predictions, the same figures from raw features in one pass: each distinct feature is counted (for the
   * scale) and looked up as it first occurs, and the weights are summed in that order, exactly as in training.
   * Every message goes through here, so it spares the intermediate set and list.
   */
  private double[] probabilities(List<String> features) {
    int size = features.size();
    String[] seen = new String[Integer.highestOneBit(Math.max(2, size) * 2) * 2];
    int mask = seen.length - 1;
    Row[] found = new Row[size];
    int known = 0;
    int distinct = 0;
    for (String feature : features) {
      if (feature.length() > MAX_FEATURE_LENGTH || !add(seen, mask, feature)) continue;
      distinct++;
      Row row = rows.get(feature);
      if (row != null) found[known++] = row;
    }
    double x = distinct == 0 ? 0 : 1 / Math.sqrt(distinct);
    int k = labels.size();
    double[] score = new double[k];
    for (int c = 0; c < k; c++) score[c] = bias.weights[c];
    for (int r = 0; r < known; r++) {
      float[] weights = found[r].weights;
      for (int c = 0; c < Math.min(k, weights.length); c++) score[c] += weights[c] * x;
    }
    return softmax(score);
  }

  /** Adds to an open-addressing set (a power-of-two table at most half full); false when already there. */
  private static boolean add(String[] table, int mask, String value) {
    int h = value.hashCode();
    int i = (h ^ (h >>> 16)) & mask;
    while (table[i] != null) {
      if (table[i].equals(value)) return false;
      i = (i + 1) & mask;
    }
    table[i] = value;
    return true;
  }

  private static double[] softmax(double[] score) {
    int k = score.length;
    // a loop, not a stream: this runs for every message, and a stream's set-up costs more than the work here
    double max = k == 0 ? 0 : score[0];
    for (int c = 1; c < k; c++) max = Math.max(max, score[c]);
    double sum = 0;
    for (int c = 0; c < k; c++) {
      score[c] = Math.exp(score[c] - max);
      sum += score[c];
    }
    for (int c = 0; c < k; c++) score[c] /= sum;
    return score;
  }

  private static List<String> distinct(List<String> features) {
    List<String> out = new ArrayList<>();
    for (String f : new LinkedHashSet<>(features)) {
      if (f.length() <= MAX_FEATURE_LENGTH) out.add(f);
    }
    return out;
  }

  private static double scale(List<String> features) {
    return features.isEmpty() ? 0 : 1 / Math.sqrt(features.size());
  }

  /**
   * Writes the model: the magic {@code VALR}, a format version, then (deflated) the settings, the labels, and per
   * feature its weights and AdaGrad sums as 32-bit floats (the sums keep later updates consistent).
   */
  public void writeTo(OutputStream out) throws IOException {
    lock.readLock().lock();
    try {
      out.write(MAGIC);
      DataOutputStream header = new DataOutputStream(out);
      header.writeInt(FORMAT_VERSION);
      header.flush();
      DeflaterOutputStream deflated = new DeflaterOutputStream(out);
      DataOutputStream data = new DataOutputStream(deflated);
      data.writeDouble(learningRate);
      data.writeDouble(l2);
      data.writeInt(labels.size());
      for (String label : labels) data.writeUTF(label);
      writeRow(data, bias, labels.size());
      data.writeInt(rows.size());
      for (Map.Entry<String, Row> entry : rows.entrySet()) {
        data.writeUTF(entry.getKey());
        writeRow(data, entry.getValue(), labels.size());
      }
      data.flush();
      deflated.finish();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Reads a model written by {@link #writeTo}; rejects other formats, versions and corrupt data. */
  public static LogisticRegression readFrom(InputStream in) throws IOException {
    DataInputStream header = new DataInputStream(in);
    byte[] magic = new byte[MAGIC.length];
    header.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) throw new IOException("not a logistic regression model");
    int version = header.readInt();
    if (version != FORMAT_VERSION) throw new IOException("unsupported model format version " + version);
    DataInputStream data = new DataInputStream(new InflaterInputStream(in));
    LogisticRegression model;
    try {
      model = new LogisticRegression(data.readDouble(), data.readDouble());
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt model: " + e.getMessage());
    }
    int k = data.readInt();
    if (k < 0 || k > MAX_LABELS) throw new IOException("corrupt model: " + k + " labels");
    for (int c = 0; c < k; c++) {
      String label = data.readUTF();
      if (model.labels.contains(label)) throw new IOException("corrupt model: label repeated");
      model.addLabel(label);
    }
    readRow(data, model.bias, k);
    int n = data.readInt();
    if (n < 0 || n > MAX_FEATURES) throw new IOException("corrupt model: " + n + " features");
    for (int i = 0; i < n; i++) {
      String feature = data.readUTF();
      Row row = new Row(k);
      readRow(data, row, k);
      if (model.rows.put(feature, row) != null) throw new IOException("corrupt model: feature repeated");
    }
    return model;
  }

  private static void writeRow(DataOutputStream out, Row row, int k) throws IOException {
    for (int c = 0; c < k; c++) out.writeFloat(c < row.weights.length ? row.weights[c] : 0f);
    for (int c = 0; c < k; c++) out.writeFloat(c < row.squares.length ? row.squares[c] : 0f);
  }

  private static void readRow(DataInputStream in, Row row, int k) throws IOException {
    for (int c = 0; c < k; c++) row.weights[c] = finite(in.readFloat());
    for (int c = 0; c < k; c++) row.squares[c] = finite(in.readFloat());
  }

  private static float finite(float value) throws IOException {
    if (!Float.isFinite(value)) throw new IOException("corrupt model: weight is not a finite number");
    return value;
  }
}
