package dev.va.application.triage.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

  /** Two topics sharing filler words; each document holds a few words of its topic. */
  static LogisticRegression trained() {
    List<List<String>> docs = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    String[] fruit = {"apple", "pear", "plum", "cherry"};
    String[] tools = {"hammer", "saw", "drill", "wrench"};
    for (int i = 0; i < 40; i++) {
      docs.add(List.of(fruit[i % 4], fruit[(i + 1) % 4], "the", "and"));
      labels.add("fruit");
      docs.add(List.of(tools[i % 4], tools[(i + 2) % 4], "the", "with"));
      labels.add("tools");
    }
    LogisticRegression model = new LogisticRegression(0.5, 0.0);
    model.fit(docs, labels, 5, 1);
    return model;
  }

  @Test
  void learnsToSeparateLabelsWithProbabilities() {
    LogisticRegression model = trained();
    LogisticRegression.Prediction p = model.predict(List.of("apple", "cherry", "the")).orElseThrow();
    assertThat(p.label()).isEqualTo("fruit");
    assertThat(p.probability()).isGreaterThan(0.9);
    assertThat(p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(model.predict(List.of("drill")).orElseThrow().label()).isEqualTo("tools");
    // nothing known: the prior decides, without certainty
    assertThat(model.predict(List.of("zebra")).orElseThrow().probability()).isLessThan(0.6);
  }

  @Test
  void probabilityOfOneLabelIsTheOnePredictGives() {
    LogisticRegression model = trained();
    List<String> doc = List.of("apple", "saw", "the", "with");
    LogisticRegression.Prediction p = model.predict(doc).orElseThrow();
    for (String label : List.of("fruit", "tools")) {
      assertThat(model.probability(doc, label)).hasValue(p.probabilities().get(label));
    }
    assertThat(model.probability(doc, "unknown")).hasValue(0.0);
    LogisticRegression single = new LogisticRegression(0.5, 0);
    single.update(List.of("x"), "only");
    assertThat(single.probability(List.of("x"), "only")).isEmpty();
  }

  @Test
  void repeatedAndOverlongFeaturesCountOnce() {
    LogisticRegression model = trained();
    // repeats count once and features over 200 characters not at all, also in the document's length
    assertThat(model.predict(List.of("apple", "the", "apple", "x".repeat(201), "the")))
        .isEqualTo(model.predict(List.of("apple", "the")));
    assertThat(model.predict(List.of("apple", "zebra"))).isNotEqualTo(model.predict(List.of("apple")));
  }

  @Test
  void predictsNothingBeforeItHasSeenTwoLabels() {
    LogisticRegression model = new LogisticRegression(0.5, 0);
    assertThat(model.predict(List.of("x"))).isEmpty();
    model.update(List.of("x"), "only");
    assertThat(model.predict(List.of("x"))).isEmpty();
  }

  @Test
  void correctionsMoveThePredictionAndAddLabels() {
    LogisticRegression model = trained();
    List<String> doc = List.of("apple", "saw", "the");
    String before = model.predict(doc).orElseThrow().label();
    String other = before.equals("fruit") ? "tools" : "fruit";
    for (int i = 0; i < 20 && !model.predict(doc).orElseThrow().label().equals(other); i++) model.update(doc, other);
    assertThat(model.predict(doc).orElseThrow().label()).isEqualTo(other);
    model.update(List.of("invoice", "payment"), "finance");
    assertThat(model.labels()).containsExactly("fruit", "tools", "finance");
    assertThat(model.predict(List.of("apple")).orElseThrow().probabilities()).containsKeys("fruit", "tools",
        "finance");
  }

  @Test
  void aRemovedLabelIsForgottenAndTheOthersKeepTheirRanking() throws IOException {
    LogisticRegression model = trained();
    List<String> invoice = List.of("invoice", "payment", "the");
    for (int i = 0; i < 5; i++) model.update(invoice, "finance");
    assertThat(model.predict(invoice).orElseThrow().label()).isEqualTo("finance");
    // a feature taught before "finance" existed has no column for it: removal must cope with short rows
    List<String> apple = List.of("apple", "cherry");
    double appleOdds = odds(model, apple);

    assertThat(model.removeLabel("finance")).isTrue();
    assertThat(model.removeLabel("finance")).isFalse();

    assertThat(model.labels()).containsExactly("fruit", "tools");
    assertThat(model.predict(invoice).orElseThrow().probabilities()).containsOnlyKeys("fruit", "tools");
    assertThat(odds(model, apple)).isCloseTo(appleOdds, org.assertj.core.data.Offset.offset(1e-9));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    model.writeTo(out);
    LogisticRegression copy = LogisticRegression.readFrom(new ByteArrayInputStream(out.toByteArray()));
    assertThat(copy.predict(apple)).isEqualTo(model.predict(apple));
    // taught again, it starts from nothing and grows a column everywhere again
    model.update(invoice, "finance");
    assertThat(model.labels()).containsExactly("fruit", "tools", "finance");
    assertThat(model.predict(invoice).orElseThrow().probabilities()).containsKey("finance");
  }

  /** How much likelier fruit is than tools: unchanged by removing a third label. */
  private static double odds(LogisticRegression model, List<String> doc) {
    var p = model.predict(doc).orElseThrow().probabilities();
    return p.get("fruit") / p.get("tools");
  }

  @Test
  void roundTripsThroughItsFileFormat() throws IOException {
    LogisticRegression model = trained();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    model.writeTo(out);
    byte[] bytes = out.toByteArray();
    assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("VALR");
    LogisticRegression copy = LogisticRegression.readFrom(new ByteArrayInputStream(bytes));
    assertThat(copy.labels()).isEqualTo(model.labels());
    assertThat(copy.featureCount()).isEqualTo(model.featureCount());
    for (List<String> doc : List.of(List.of("apple"), List.of("saw", "the"), List.of("unknown"))) {
      assertThat(copy.predict(doc)).isEqualTo(model.predict(doc));
    }
    // updates continue from the same state
    model.update(List.of("plum"), "tools");
    copy.update(List.of("plum"), "tools");
    assertThat(copy.predict(List.of("plum"))).isEqualTo(model.predict(List.of("plum")));
  }

  @Test
  void rejectsOtherFilesAndVersions() throws IOException {
    assertThatThrownBy(() -> LogisticRegression.readFrom(new ByteArrayInputStream("NOPE0000".getBytes())))
        .isInstanceOf(IOException.class).hasMessageContaining("not a logistic regression model");
    assertThatThrownBy(() -> LogisticRegression.readFrom(new ByteArrayInputStream(
        new byte[] {'V', 'A', 'L', 'R', 0, 0, 0, 9}))).hasMessageContaining("unsupported model format version 9");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    trained().writeTo(out);
    byte[] truncated = java.util.Arrays.copyOf(out.toByteArray(), out.size() / 2);
    assertThatThrownBy(() -> LogisticRegression.readFrom(new ByteArrayInputStream(truncated)))
        .isInstanceOf(IOException.class);
  }
}
