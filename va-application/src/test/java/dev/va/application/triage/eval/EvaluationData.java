package dev.va.application.triage.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The shared evaluation data, read in place (never copied into the repository): {@code shared/data} beside the
 * working tree, found from the module directory Maven runs tests in, or named by {@code -Dva.data.dir}.
 */
final class EvaluationData {
  private EvaluationData() {}

  record Labelled<T>(T item, String label) {}

  static Optional<Path> root() {
    String configured = System.getProperty("va.data.dir");
    if (configured != null) return Optional.of(Path.of(configured)).filter(Files::isDirectory);
    return Stream.of(Path.of("..", "shared", "data"), Path.of("..", "..", "shared", "data"))
        .filter(p -> Files.isDirectory(p.resolve("emails"))).findFirst();
  }

  static boolean present() {
    return root().isPresent();
  }

  /** The CSDMC 2010 corpus: every raw message with its spam|ham label. */
  static List<Labelled<RawEmail>> spamCorpus() {
    Path dir = root().orElseThrow().resolve("emails/csdmc2010");
    List<Labelled<RawEmail>> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(dir.resolve("labels.tsv"), StandardCharsets.UTF_8)) {
        String[] cols = line.split("\t");
        if (cols.length != 2) continue;
        out.add(new Labelled<>(RawEmail.parse(Files.readAllBytes(dir.resolve(cols[0]))), cols[1].trim()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The intent sentences: Yes (asks for a reply) or No. */
  static List<Labelled<String>> intentSentences() {
    Path file = root().orElseThrow().resolve("emails/intent/train.tsv");
    List<Labelled<String>> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int tab = line.indexOf('\t');
        if (tab < 0) continue;
        out.add(new Labelled<>(line.substring(tab + 1), line.substring(0, tab).trim()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Fold number (0 to k-1) of each item: a fixed shuffle, so every learner sees the same folds. */
  static int[] folds(int size, int k, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < size; i++) order.add(i);
    Collections.shuffle(order, new Random(seed));
    int[] fold = new int[size];
    for (int i = 0; i < size; i++) fold[order.get(i)] = i % k;
    return fold;
  }
}
