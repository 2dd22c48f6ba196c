package dev.va.application.triage.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TriageModelTest {

  private static byte[] bytes(TriageModel model) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    model.writeTo(out);
    return out.toByteArray();
  }

  private static LogisticRegression needsReply() {
    NeedsReplyDetector detector = new NeedsReplyDetector(Models.newNeedsReplyModel(), Models.NEEDS_REPLY_THRESHOLD);
    for (int i = 0; i < 20; i++) {
      detector.update("could you send me the report by friday", true);
      detector.update("the weather was lovely on our trip", false);
    }
    return detector.model();
  }

  @Test
  void roundTripKeepsBothModels() throws IOException {
    TriageModel model = new TriageModel(LogisticRegressionTest.trained(), Optional.of(needsReply()));

    TriageModel read = TriageModel.readFrom(new ByteArrayInputStream(bytes(model)));

    List<String> doc = List.of("apple", "cherry", "the");
    assertThat(read.categories().predict(doc).orElseThrow().probabilities())
        .isEqualTo(model.categories().predict(doc).orElseThrow().probabilities());
    assertThat(read.needsReply()).isPresent();
    assertThat(read.needsReplyDetector().probability("could you send me the report"))
        .isEqualTo(model.needsReplyDetector().probability("could you send me the report"))
        .isGreaterThan(0.5);
  }

  @Test
  void withoutANeedsReplyModelTheCuesDecide() throws IOException {
    TriageModel read = TriageModel.readFrom(new ByteArrayInputStream(bytes(
        new TriageModel(LogisticRegressionTest.trained(), Optional.empty()))));

    assertThat(read.needsReply()).isEmpty();
    NeedsReplyDetector detector = read.needsReplyDetector();
    assertThat(detector.probability("Can we meet on Monday?")).isGreaterThanOrEqualTo(detector.threshold());
    assertThat(detector.probability("The meeting went well.")).isLessThan(detector.threshold());
  }

  @Test
  void untrainedModelPredictsNothing() {
    assertThat(TriageModel.untrained().categories().predict(List.of("apple"))).isEmpty();
  }

  @Test
  void rejectsOtherFilesVersionsAndCorruptSections() throws IOException {
    byte[] good = bytes(new TriageModel(LogisticRegressionTest.trained(), Optional.empty()));

    byte[] magic = good.clone();
    magic[0] = 'X';
    assertThatThrownBy(() -> TriageModel.readFrom(new ByteArrayInputStream(magic)))
        .hasMessageContaining("not a va triage model file");
    byte[] version = good.clone();
    version[7] = 9;
    assertThatThrownBy(() -> TriageModel.readFrom(new ByteArrayInputStream(version)))
        .hasMessageContaining("unsupported triage model format version 9");
    assertThatThrownBy(() -> TriageModel.readFrom(new ByteArrayInputStream(Arrays.copyOf(good, good.length - 10))))
        .isInstanceOf(IOException.class);

    ByteArrayOutputStream unknown = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(unknown);
    data.write(good, 0, 8);
    data.writeInt(1);
    data.writeUTF("mystery");
    data.writeInt(0);
    assertThatThrownBy(() -> TriageModel.readFrom(new ByteArrayInputStream(unknown.toByteArray())))
        .hasMessageContaining("unexpected section \"mystery\"");
  }
}
