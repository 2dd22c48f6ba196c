package dev.va.bootstrap.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.adapter.mail.mime.RawMessage;
import dev.va.application.json.Json;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonArray;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.application.triage.classify.LocalClassifier;
import dev.va.application.triage.classify.TriageModel;
import dev.va.bootstrap.VaCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code va classifier train}, {@code va triage} and {@code va bench triage}, run as the CLI runs them. */
class OfflineCommandsTest {
  private static final List<String> LINE_KEYS = List.of("source", "message_id", "category", "confidence",
      "needs_reply", "flagged", "reasons", "rules", "auto_reply");

  @TempDir
  Path dir;

  private Path corpus;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void corpus() throws URISyntaxException {
    corpus = Path.of(OfflineCommandsTest.class.getResource("/offline/labels.tsv").toURI()).getParent();
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = VaCli.commandLine(Map.of(), UnaryOperator.identity());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path model(boolean withNeedsReply) {
    Path model = dir.resolve(withNeedsReply ? "full.va" : "categories.va");
    List<String> args = new ArrayList<>(List.of("classifier", "train", "--labels",
        corpus.resolve("labels.tsv").toString(), "--out", model.toString()));
    if (withNeedsReply) args.addAll(List.of("--needs-reply-data", corpus.resolve("intent.tsv").toString()));
    assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
    return model;
  }

  private List<JsonObject> lines() {
    return out.toString().lines().map(l -> (JsonObject) Json.parse(l)).toList();
  }

  private static String text(JsonObject o, String key) {
    return ((JsonString) o.members().get(key)).value();
  }

  private static final String PERSONAL = """
      Return-Path: <anna.berg@example.org>
      From: Anna Berg <anna.berg@example.org>
      To: tom@example.com
      Subject: Dinner on Friday?
      Message-ID: <dinner-2@example.org>
      Date: 3 Jun 2025 10:00:00 +0000

      Hi Tom, would you like to come for dinner on Friday with Lisa? Let me know.
      """;

  private static final String LIST_MAIL = """
      From: news@lists.example.org
      To: tom@example.com
      Subject: Weekly digest
      List-Id: <weekly.lists.example.org>
      Precedence: list

      This week's posts.
      """;

  @Test
  void trainWritesOneModelFileThatReadsBack() throws IOException {
    Path file = model(true);

    assertThat(out.toString())
        .contains("12 messages trained on (0 unreadable, 0 malformed skipped)")
        .containsPattern("personal\\s+6\\s+100.00 %")
        .containsPattern("spam\\s+6\\s+100.00 %")
        .contains("needs-reply model: 12 sentences (6 yes, 6 no)")
        .contains("model written to " + file);
    assertThat(err.toString()).contains("va: training the category model on 12 messages");
    TriageModel model;
    try (InputStream in = Files.newInputStream(file)) {
      model = TriageModel.readFrom(in);
    }
    assertThat(model.categories().labels()).containsExactlyInAnyOrder("spam", "personal");
    assertThat(model.needsReply()).isPresent();
    var spam = new OfflineMail(Clock.systemUTC()).parse("spam-1.eml", new RawMessage(
        "spam-1.eml", Files.readAllBytes(corpus.resolve("mail/spam-1.eml")), 0));
    assertThat(model.categories().predict(LocalClassifier.features(((OfflineMail.Message) spam).message()))
        .orElseThrow().label()).isEqualTo("spam");

    Path withoutNeedsReply = model(false);
    assertThat(out.toString()).contains("needs-reply model: none; cue phrases decide");
    try (InputStream in = Files.newInputStream(withoutNeedsReply)) {
      assertThat(TriageModel.readFrom(in).needsReply()).isEmpty();
    }
  }

  @Test
  void trainCountsUnreadableAndMalformedFilesAndGoesOn() throws IOException {
    Path labels = dir.resolve("labels.tsv");
    Files.writeString(dir.resolve("empty.eml"), "");
    Files.writeString(labels, String.join("\n",
        corpus.resolve("mail/spam-1.eml") + "\tspam",
        corpus.resolve("mail/personal-1.eml") + "\tham",
        "missing.eml\tspam",
        "empty.eml\tpersonal") + "\n");

    assertThat(run("classifier", "train", "--labels", labels.toString(), "--out", dir.resolve("m.va").toString()))
        .isZero();

    assertThat(out.toString()).contains("2 messages trained on (1 unreadable, 1 malformed skipped)");
    assertThat(err.toString())
        .contains("va: unreadable: " + dir.resolve("missing.eml") + ": cannot read: no such file")
        .contains("va: malformed: " + dir.resolve("empty.eml") + ": not a mail message: the file is empty");
  }

  @Test
  void trainRejectsBadLabelLinesWithTheirLineNumbers() throws IOException {
    Path labels = Files.writeString(dir.resolve("labels.tsv"), "a.eml\tspam\nno tab here\nb.eml\tNot A Category\n");

    assertThat(run("classifier", "train", "--labels", labels.toString(), "--out", dir.resolve("m.va").toString()))
        .isEqualTo(2);

    assertThat(err.toString())
        .contains("va: " + labels + ":2: expected path<TAB>category")
        .contains("va: " + labels + ":3: category must start with a letter");
    assertThat(out.toString()).isEmpty();
    assertThat(dir.resolve("m.va")).doesNotExist();
  }

  @Test
  void triageReadsEmlFilesDirectoriesMboxesAndMaildirsInOrder() throws IOException {
    Path model = model(true);
    Path eml = Files.writeString(dir.resolve("one.eml"), PERSONAL);
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Files.copy(corpus.resolve("mail/spam-2.eml"), inbox.resolve("a.eml"));
    Files.writeString(inbox.resolve("b.mbox"), "From anna@example.org Mon Jun  2 10:00:00 2025\n" + PERSONAL
        + "\nFrom news@lists.example.org Mon Jun  2 11:00:00 2025\n" + LIST_MAIL);
    Path maildir = dir.resolve("Maildir");
    Files.createDirectories(maildir.resolve("cur"));
    Files.createDirectories(maildir.resolve("new"));
    Files.writeString(maildir.resolve("new/1700000000.1.host"), LIST_MAIL);

    assertThat(run("triage", "--model", model.toString(), eml.toString(), inbox.toString(), maildir.toString()))
        .as(err.toString()).isZero();

    List<JsonObject> lines = lines();
    assertThat(lines).extracting(l -> text(l, "source")).containsExactly(eml.toString(),
        inbox.resolve("a.eml").toString(), inbox.resolve("b.mbox") + "#1", inbox.resolve("b.mbox") + "#2",
        maildir.resolve("new/1700000000.1.host").toString());
    assertThat(lines).allSatisfy(l -> assertThat(l.members().keySet()).containsExactlyElementsOf(LINE_KEYS));
    assertThat(lines).extracting(l -> text(l, "category"))
        .containsExactly("personal", "spam", "personal", "newsletter", "newsletter");
    JsonObject first = lines.get(0);
    assertThat(text(first, "message_id")).isEqualTo("<dinner-2@example.org>");
    assertThat(first.members().get("needs_reply")).isEqualTo(JsonValue.of(true));
    assertThat(((JsonValue.JsonNumber) first.members().get("confidence")).value().doubleValue()).isBetween(0.0, 1.0);
    assertThat(first.members().get("rules")).isEqualTo(new JsonArray(List.of()));
    assertThat(Json.write(first.members().get("auto_reply")))
        .isEqualTo("{\"decision\":\"none\",\"reason\":\"no matching rule asks for an auto-reply\"}");
  }

  @Test
  void malformedAndUnreadableFilesGiveErrorLinesAndExitZero() throws IOException {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Files.write(inbox.resolve("a-binary.eml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, '\n', 3});
    Files.writeString(inbox.resolve("b-empty.eml"), "");
    Files.createSymbolicLink(inbox.resolve("c-dangling.eml"), inbox.resolve("gone.eml"));
    Files.writeString(inbox.resolve("d-good.eml"), PERSONAL);

    assertThat(run("triage", inbox.toString())).isZero();

    List<JsonObject> lines = lines();
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(0, 3)).allSatisfy(l -> assertThat(l.members().keySet()).containsExactly("source",
        "error"));
    assertThat(lines).extracting(l -> l.members().containsKey("error") ? text(l, "error") : text(l, "category"))
        .containsExactly("not a mail message: no header fields", "not a mail message: the file is empty",
            "cannot read: no such file", "personal");
    assertThat(text(lines.get(2), "source")).isEqualTo(inbox.resolve("c-dangling.eml").toString());
  }

  @Test
  void withoutAModelHeaderSignalsDecideAndTheRestIsPersonalAtLowConfidence() throws IOException {
    Path list = Files.writeString(dir.resolve("list.eml"), LIST_MAIL);
    Path plain = Files.writeString(dir.resolve("plain.eml"), PERSONAL);

    assertThat(run("triage", list.toString(), plain.toString())).isZero();

    List<JsonObject> lines = lines();
    assertThat(text(lines.get(0), "category")).isEqualTo("newsletter");
    assertThat(text(lines.get(1), "category")).isEqualTo("personal");
    assertThat(lines.get(1).members().get("confidence")).isEqualTo(JsonValue.of(0.3));
    // the cue phrases still find the request
    assertThat(lines.get(1).members().get("needs_reply")).isEqualTo(JsonValue.of(true));
  }

  @Test
  void aShortRunIsQuietOnStderrUnlessASummaryIsAskedFor() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain.eml"), PERSONAL);

    assertThat(run("triage", plain.toString())).isZero();
    assertThat(err.toString()).isEmpty();

    assertThat(run("triage", "--summary", plain.toString())).isZero();
    assertThat(err.toString()).containsPattern("va: 1 messages in \\d+\\.\\d s, [\\d,]+/s \\(0 error lines\\)");
  }

  @Test
  void rulesRunAndTheUsersAddressesDecideTheAutoReply() throws IOException {
    Path rules = Files.writeString(dir.resolve("rules.json"), """
        [{"id": "0b0f7a52-3c1e-4bb4-9a43-2f9f3b1d7e10", "name": "answer friends", "priority": 2,
          "document": {"when": {"field": "from", "op": "ends_with", "value": "@example.org"},
                       "then": [{"action": "auto_reply", "template": "6f1c1b1e-8d4b-4c5a-9a43-2f9f3b1d7e10"}]}},
         {"when": {"field": "subject", "op": "contains", "value": "dinner"}, "then": [{"action": "flag"}]}]
        """);
    Path eml = Files.writeString(dir.resolve("one.eml"), PERSONAL);

    assertThat(run("triage", "--rules", rules.toString(), eml.toString())).isZero();
    JsonObject without = lines().get(0);
    assertThat(run("triage", "--rules", rules.toString(), "--me", "Tom@Example.com", eml.toString())).isZero();
    JsonObject with = lines().get(0);

    assertThat(Json.write(without.members().get("rules"))).isEqualTo("[{\"id\":\""
        + RulesFile.defaultId(1) + "\",\"name\":\"rule 2\",\"actions\":[{\"action\":\"flag\"}]},"
        + "{\"id\":\"0b0f7a52-3c1e-4bb4-9a43-2f9f3b1d7e10\",\"name\":\"answer friends\",\"actions\":[{\"action\":"
        + "\"auto_reply\",\"template\":\"6f1c1b1e-8d4b-4c5a-9a43-2f9f3b1d7e10\",\"period_days\":7}]}]");
    assertThat(without.members().get("flagged")).isEqualTo(JsonValue.of(true));
    JsonObject suppressed = (JsonObject) without.members().get("auto_reply");
    assertThat(text(suppressed, "decision")).isEqualTo("suppressed");
    assertThat(text(suppressed, "reason")).isEqualTo("you are not in To or Cc (Bcc, a list or a forward)");
    JsonObject send = (JsonObject) with.members().get("auto_reply");
    assertThat(text(send, "decision")).isEqualTo("send");
    assertThat(text(send, "reply_to")).isEqualTo("anna.berg@example.org");
  }

  @Test
  void anInvalidRulesFileIsAUsageErrorNamingTheJsonPath() throws IOException {
    Path rules = Files.writeString(dir.resolve("rules.json"), """
        [{"name": "typo", "priority": 1,
          "document": {"when": {"field": "subject", "op": "containz", "value": "x"}, "then": [{"action": "flag"}]}},
         {"when": {"field": "from", "op": "equals", "value": "a@b.example"}, "then": []}]
        """);
    Path eml = Files.writeString(dir.resolve("one.eml"), PERSONAL);

    assertThat(run("triage", "--rules", rules.toString(), eml.toString())).isEqualTo(2);

    assertThat(err.toString())
        .contains("va: " + rules + ": $[0].document.when.op: unknown operator \"containz\"")
        .contains("va: " + rules + ": $[1].then: ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void badArgumentsAreUsageErrors() throws IOException {
    Path eml = Files.writeString(dir.resolve("one.eml"), PERSONAL);
    Path notAModel = Files.writeString(dir.resolve("model.va"), "hello");

    assertThat(run("triage", "--me", "not-an-address", "--model", notAModel.toString(), eml.toString(),
        dir.resolve("nowhere").toString())).isEqualTo(2);

    assertThat(err.toString())
        .contains("va: --me not-an-address: email is not a valid address")
        .contains("va: " + dir.resolve("nowhere") + ": no such file or directory")
        .contains("va: " + notAModel + ": not a usable model: not a va triage model file");
  }

  @Test
  void benchPrintsItsFiguresForAGivenCorpus() {
    assertThat(run("bench", "triage", "--corpus", corpus.toString(), "--intent", corpus.resolve("intent.tsv")
        .toString(), "--rounds", "1", "--warmup-seconds", "0", "--cold-runs", "1")).as(err.toString()).isZero();

    assertThat(out.toString())
        .contains("(a) spam/ham accuracy, 5-fold CV")
        .contains("(a) ham false-positive rate")
        .contains("(b) needs-reply F1, 5-fold CV")
        .contains("(c) throughput, median of 1 rounds")
        .contains("12 messages (0 error lines)")
        .containsPattern("\\(c\\) cold runs of 'va triage', each a new JVM +12 messages, median of 1 runs")
        .contains("C1 compiler only, as ./va runs it")
        .contains("the JVM's default JIT (C1 and C2)")
        .contains("(d) decided without an LLM");
  }

  @Test
  void theBenchsColdRunsUseTheLaunchersOptions() throws IOException {
    // the bench reports "as ./va runs it": the script at the repository root must start triage that way
    String script = Files.readString(Path.of("..", "va"));
    assertThat(script).containsPattern("triage\\|classifier\\) opts=\\(" + String.join(" ", ColdRun.LAUNCHER_OPTIONS)
        .replace("=", "\\=") + "\\)");
  }

  @Test
  void benchWithoutItsCorpusSaysWhereItLooked() {
    assertThat(run("bench", "triage", "--corpus", dir.resolve("absent").toString())).isEqualTo(2);

    assertThat(err.toString()).contains("va: corpus not found: " + dir.resolve("absent")
        + " (give --corpus DIR_OR_LABELS; the default is relative to the repository root)");
  }

  @Test
  void helpListsTheOfflineCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("classifier").contains("triage").contains("bench");
    assertThat(run("triage", "--help")).isZero();
    assertThat(out.toString()).contains("--model").contains("--rules").contains("--me").contains("PATH");
  }
}
