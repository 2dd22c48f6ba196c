package dev.va.bootstrap.triage;

import com.sun.management.OperatingSystemMXBean;
import dev.va.application.port.out.Classifier.Classification;
import dev.va.application.triage.TriageEngine;
import dev.va.application.triage.classify.LocalClassifier;
import dev.va.application.triage.classify.LogisticRegression;
import dev.va.application.triage.classify.NeedsReplyDetector;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.rules.RuleSet;
import dev.va.application.triage.signals.HeaderSignals;
import dev.va.bootstrap.triage.IntentFile.Sentence;
import dev.va.bootstrap.triage.LabelledCorpus.Sample;
import dev.va.domain.mail.Category;
import dev.va.domain.shared.EmailAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code va bench triage}: quality and speed of offline triage, printed as one table (docs/TRIAGE.md has figures).
 */
@Command(name = "triage", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Measures offline triage with the production pipeline (MIME parser, header signals, local models, rules):",
        "(a) spam/ham accuracy and ham false positives by 5-fold cross-validation, (b) needs-reply F1 by 5-fold"
            + " cross-validation, (c) throughput of 'va triage' over the corpus (median of several rounds after"
            + " warm-up, and cold runs in a new JVM per JIT setting), (d) the share of messages decided without a"
            + " language model at the default threshold.",
        "Default paths are relative to the repository root."})
public final class TriageBenchCommand implements Callable<Integer> {
  static final int FOLDS = 5;
  /** Rules of the throughput runs: typical conditions, so rule evaluation is part of the figure. */
  static final String RULES = """
      [{"name": "waiting for me", "priority": 1, "document": {"when": {"all": [
          {"field": "needs_reply", "op": "equals", "value": true},
          {"field": "category", "op": "in", "value": ["personal", "important"]}]},
        "then": [{"action": "flag"}, {"action": "label", "value": "to-answer"}]}},
       {"name": "lists", "priority": 2, "document": {"when": {"field": "header", "name": "List-Id", "op": "exists"},
        "then": [{"action": "label", "value": "lists"}]}},
       {"name": "away", "priority": 3, "document": {"when": {"all": [
          {"field": "category", "op": "equals", "value": "personal"},
          {"not": {"field": "subject", "op": "matches", "value": "^\\\\[(jira|ci)\\\\]"}}]},
        "then": [{"action": "auto_reply", "template": "6f1c1b1e-8d4b-4c5a-9a43-2f9f3b1d7e10"}]}},
       {"name": "bulk", "priority": 4, "document": {"when": {"any": [
          {"field": "category", "op": "in", "value": ["spam", "newsletter", "promotion"]},
          {"field": "body", "op": "contains", "value": "unsubscribe"}]},
        "then": [{"action": "archive"}, {"action": "mark_read"}, {"action": "stop"}]}}]
      """;

  private static final String ME = "me@example.com";

  private final Clock clock;

  @Spec
  private CommandSpec spec;

  @Option(names = "--corpus", paramLabel = "DIR_OR_LABELS",
      description = "A labels file (path<TAB>category), a directory holding labels.tsv, or a directory of messages"
          + " (then only throughput is measured). Default: ${DEFAULT-VALUE}")
  private Path corpus = Path.of("..", "shared", "data", "emails", "csdmc2010", "labels.tsv");

  @Option(names = "--intent", paramLabel = "TSV", description = "Needs-reply sentences. Default: ${DEFAULT-VALUE}")
  private Path intent = Path.of("..", "shared", "data", "emails", "intent", "train.tsv");

  @Option(names = "--rounds", paramLabel = "N", description = "Measured throughput rounds (default: 5).")
  private int rounds = 5;

  @Option(names = "--warmup-seconds", paramLabel = "S",
      description = "Unmeasured rounds first: at least S seconds (default: 30), then until the CPU time per round"
          + " stops falling, at most 4 S seconds; 0 for none.")
  private int warmupSeconds = 30;

  @Option(names = "--cold-runs", paramLabel = "N",
      description = "Runs of 'va triage' in a new JVM per JIT setting, alternating; the median is reported"
          + " (default: 3; 0 for none).")
  private int coldRuns = 3;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
  private int threads = Runtime.getRuntime().availableProcessors();

  public TriageBenchCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    List<String> problems = new ArrayList<>();
    Path labels = corpus;
    if (!Files.exists(corpus)) {
      problems.add("corpus not found: " + corpus.toAbsolutePath().normalize()
          + " (give --corpus DIR_OR_LABELS; the default is relative to the repository root)");
    } else if (Files.isDirectory(corpus)) {
      labels = Files.isRegularFile(corpus.resolve("labels.tsv")) ? corpus.resolve("labels.tsv") : null;
    }
    if (!Files.isRegularFile(intent)) {
      problems.add("needs-reply data not found: " + intent.toAbsolutePath().normalize()
          + " (give --intent TSV; the default is relative to the repository root)");
    }
    if (rounds < 1) problems.add("--rounds: must be at least 1");
    if (warmupSeconds < 0) problems.add("--warmup-seconds: must not be negative");
    if (coldRuns < 0) problems.add("--cold-runs: must not be negative");
    if (threads < 1 || threads > 256) problems.add("--threads: must be from 1 to 256");
    if (!problems.isEmpty()) return Inputs.usage(err, problems);
    Path labelsFile = labels;
    List<LabelsFile.Entry> entries = labelsFile == null ? null
        : Inputs.read(labelsFile, () -> LabelsFile.read(labelsFile), problems);
    List<Sentence> sentences = Inputs.read(intent, () -> IntentFile.read(intent), problems);
    if (!problems.isEmpty()) return Inputs.usage(err, problems);

    Report report = new Report();
    TriageModel model;
    List<Path> paths;
    if (entries != null) {
      model = crossValidateAndTrain(entries, labelsFile, sentences, report, err);
      if (model == null) {
        return Inputs.usage(err, List.of(labelsFile + ": needs messages of at least two categories"));
      }
      paths = entries.stream().map(LabelsFile.Entry::path).toList();
    } else {
      report.corpus = corpus + ": unlabelled, throughput only (with the needs-reply model, no category model)";
      model = new TriageModel(TriageModel.untrained().categories(),
          Optional.of(Training.needsReply(sentences, Training.SEED).model()));
      paths = List.of(corpus);
    }
    err.println("va: (b) cross-validating the needs-reply model");
    needsReply(sentences, report);
    err.printf(Locale.ROOT, "va: (c) throughput, %d s of warm-up, then %d measured rounds on %d threads%n",
        warmupSeconds, rounds, threads);
    throughput(model, paths, report);
    if (coldRuns > 0) coldRuns(model, paths, report);
    report.print(spec.commandLine().getOut(), threads);
    return ExitCode.OK;
  }

  /**
   * Reads the labelled corpus, cross-validates the category model on it (a, d) and trains the model on all of it;
   * null when the corpus has fewer than two categories. The parsed messages stay in here, freed on return.
   */
  private TriageModel crossValidateAndTrain(List<LabelsFile.Entry> entries, Path labelsFile,
      List<Sentence> sentences, Report report, PrintWriter err) {
    err.println("va: reading the corpus");
    LabelledCorpus loaded = LabelledCorpus.load(entries, true, threads, clock, new Progress(err,
        Progress.terminal(), clock));
    Inputs.list(err, "unreadable", loaded.unreadable());
    Inputs.list(err, "malformed", loaded.malformed());
    if (loaded.counts().size() < 2) return null;
    report.corpus = String.format(Locale.ROOT, "%s: %,d messages (%,d spam), %,d unreadable, %,d malformed",
        labelsFile, loaded.samples().size(), loaded.counts().getOrDefault(Category.SPAM, 0),
        loaded.unreadable().size(), loaded.malformed().size());
    err.println("va: (a, d) cross-validating the category model");
    crossValidate(loaded.samples(), report);
    return new TriageModel(Training.categoryModel(loaded.samples(), Training.SEED),
        Optional.of(Training.needsReply(sentences, Training.SEED).model()));
  }

  /** (a) and (d): the whole local classifier, as deployed, on held-out messages. */
  private static void crossValidate(List<Sample> samples, Report report) {
    int[] fold = folds(samples.size(), Training.SEED);
    NeedsReplyDetector cues = TriageModel.untrained().needsReplyDetector();
    for (int f = 0; f < FOLDS; f++) {
      List<Sample> train = new ArrayList<>();
      for (int i = 0; i < samples.size(); i++) if (fold[i] != f) train.add(samples.get(i));
      LogisticRegression model = Training.categoryModel(train, Training.SEED + f);
      LocalClassifier classifier = new LocalClassifier(model, cues, new HeaderSignals(id -> false));
      for (int i = 0; i < samples.size(); i++) {
        if (fold[i] != f) continue;
        Classification c = classifier.classify(samples.get(i).message());
        report.spam.add(samples.get(i).category().equals(Category.SPAM), c.category().equals(Category.SPAM),
            c.confidence() >= TriageEngine.DEFAULT_LLM_THRESHOLD);
      }
    }
  }

  /** (b): the needs-reply detector on held-out sentences, and the cue phrases alone (no training data). */
  private static void needsReply(List<Sentence> sentences, Report report) {
    int[] fold = folds(sentences.size(), Training.SEED);
    for (int f = 0; f < FOLDS; f++) {
      List<Sentence> train = new ArrayList<>();
      for (int i = 0; i < sentences.size(); i++) if (fold[i] != f) train.add(sentences.get(i));
      NeedsReplyDetector detector = Training.needsReply(train, Training.SEED + f);
      for (int i = 0; i < sentences.size(); i++) {
        if (fold[i] != f) continue;
        Sentence s = sentences.get(i);
        report.needsReply.add(s.needsReply(), Training.predicts(detector, s), true);
      }
    }
    NeedsReplyDetector cues = TriageModel.untrained().needsReplyDetector();
    for (Sentence s : sentences) report.cues.add(s.needsReply(), Training.predicts(cues, s), true);
  }

  /** (c): the run of {@code va triage} with a trained model and typical rules, output discarded. */
  private void throughput(TriageModel model, List<Path> paths, Report report) throws InvalidInputException {
    RuleSet rules = RulesFile.parse(RULES);
    OfflineTriage triage = new OfflineTriage(model, rules, Set.of(EmailAddress.of(ME)), clock);
    TriageRun run = new TriageRun(triage, threads);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    report.loadBefore = os.getSystemLoadAverage();
    warmUp(run, paths, os, report);
    double[] perSecond = new double[rounds];
    double[] perCpuSecond = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      TriageRun.Counts counts = run.run(paths, line -> { }, () -> false);
      double seconds = (System.nanoTime() - start) / 1e9;
      perSecond[i] = counts.lines() / seconds;
      perCpuSecond[i] = counts.lines() / ((os.getProcessCpuTime() - cpu) / 1e9);
      report.messages = counts.lines();
      report.errors = counts.errors();
    }
    report.loadAfter = os.getSystemLoadAverage();
    report.throughput = perSecond;
    report.perCpuSecond = perCpuSecond;
  }

  /** (c): {@code va triage} as a user runs it once, in a new JVM, with the launcher's JIT options and without. */
  private void coldRuns(TriageModel model, List<Path> paths, Report report) throws IOException, InterruptedException {
    spec.commandLine().getErr().printf(Locale.ROOT, "va: (c) %d cold runs of va triage in a new JVM, with the"
        + " launcher's JIT options and with the default%n", coldRuns);
    // the parsed corpus is unreachable by now: release it, since a child started beside a large heap ran up to
    // 1.8 times slower on this project's machine (its memory had to be found anew) and would measure that instead
    System.gc();
    ColdRun cold = ColdRun.prepare(model, RULES, ME, paths, threads);
    try {
      List<ColdRun.Result> launcher = new ArrayList<>();
      List<ColdRun.Result> standard = new ArrayList<>();
      for (int i = 0; i < coldRuns; i++) {
        launcher.add(cold.run(ColdRun.LAUNCHER_OPTIONS));
        standard.add(cold.run(List.of()));
      }
      report.coldRuns = coldRuns;
      report.coldLauncher = ColdRun.median(launcher);
      report.coldDefault = ColdRun.median(standard);
    } finally {
      cold.delete();
    }
  }

  /**
   * Unmeasured rounds for at least {@code --warmup-seconds}, then on until the CPU time of a round has stopped
   * falling (two rounds in a row not 3 % below the best), at most four times as long: the JIT compiler's work counts
   * in the process's CPU time, so this waits for it to finish, however busy the machine.
   */
  private void warmUp(TriageRun run, List<Path> paths, OperatingSystemMXBean os, Report report) {
    if (warmupSeconds == 0) return;
    long start = System.nanoTime();
    long minimum = start + warmupSeconds * 1_000_000_000L;
    long maximum = start + 4 * warmupSeconds * 1_000_000_000L;
    long best = Long.MAX_VALUE;
    int flat = 0;
    while (true) {
      long cpu = os.getProcessCpuTime();
      run.run(paths, line -> { }, () -> false);
      long used = os.getProcessCpuTime() - cpu;
      report.warmupRounds++;
      if (used < best * 0.97) {
        best = used;
        flat = 0;
      } else {
        flat++;
      }
      long now = System.nanoTime();
      if (now >= maximum || (now >= minimum && flat >= 2)) {
        report.warmupSettled = flat >= 2;
        return;
      }
    }
  }

  /** The fold (0 to 4) of each item: one fixed shuffle, the same for every run. */
  static int[] folds(int size, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < size; i++) order.add(i);
    Collections.shuffle(order, new Random(seed));
    int[] fold = new int[size];
    for (int i = 0; i < size; i++) fold[order.get(i)] = i % FOLDS;
    return fold;
  }

  /** Outcome counts of a yes/no decision, with how many were confident. */
  static final class Counts {
    int tp;
    int fp;
    int tn;
    int fn;
    int confident;
    int confidentRight;

    void add(boolean actual, boolean predicted, boolean isConfident) {
      if (actual && predicted) tp++;
      else if (predicted) fp++;
      else if (actual) fn++;
      else tn++;
      if (isConfident) {
        confident++;
        if (actual == predicted) confidentRight++;
      }
    }

    int total() {
      return tp + fp + tn + fn;
    }

    double accuracy() {
      return (tp + tn) / (double) total();
    }

    double falsePositiveRate() {
      return fp / (double) Math.max(1, fp + tn);
    }

    double recall() {
      return tp / (double) Math.max(1, tp + fn);
    }

    double precision() {
      return tp / (double) Math.max(1, tp + fp);
    }

    double f1() {
      return 2.0 * tp / Math.max(1, 2 * tp + fp + fn);
    }
  }

  /** The figures, printed as one table. */
  static final class Report {
    String corpus;
    final Counts spam = new Counts();
    final Counts needsReply = new Counts();
    final Counts cues = new Counts();
    double[] throughput;
    double[] perCpuSecond;
    long messages;
    long errors;
    int warmupRounds;
    boolean warmupSettled;
    double loadBefore;
    double loadAfter;
    int coldRuns;
    ColdRun.Result coldLauncher;
    ColdRun.Result coldDefault;

    void print(PrintWriter out, int threads) {
      out.println("corpus  " + corpus);
      row(out, "figure", "value", "target", null);
      if (spam.total() > 0) {
        row(out, "(a) spam/ham accuracy, 5-fold CV", pct(spam.accuracy()), ">= 98 %", spam.accuracy() >= 0.98);
        row(out, "(a) ham false-positive rate", pct(spam.falsePositiveRate()) + String.format(Locale.ROOT,
            " (%d of %,d)", spam.fp, spam.fp + spam.tn), "<= 0.5 %", spam.falsePositiveRate() <= 0.005);
        row(out, "(a) spam recall", pct(spam.recall()), "", null);
      }
      row(out, "(b) needs-reply F1, 5-fold CV", String.format(Locale.ROOT, "%.3f (P %.3f, R %.3f)", needsReply.f1(),
          needsReply.precision(), needsReply.recall()), "", null);
      row(out, "(b) needs-reply F1, cue phrases only", String.format(Locale.ROOT, "%.3f (P %.3f, R %.3f)", cues.f1(),
          cues.precision(), cues.recall()), "", null);
      double median = median(throughput);
      row(out, "(c) throughput, median of " + throughput.length + " rounds", String.format(Locale.ROOT,
          "%,.0f messages/s", median), ">= 3,000", median >= 3000);
      row(out, "    range over the rounds", String.format(Locale.ROOT, "%,.0f to %,.0f messages/s",
          Arrays.stream(throughput).min().orElse(0), Arrays.stream(throughput).max().orElse(0)), "", null);
      row(out, "    per CPU-second (all threads), median", String.format(Locale.ROOT, "%,.0f messages",
          median(perCpuSecond)), "", null);
      row(out, "    per round", String.format(Locale.ROOT, "%,d messages (%,d error lines), %d threads", messages,
          errors, threads), "", null);
      row(out, "    warm-up", warmupRounds + " rounds" + (warmupRounds == 0 ? ""
          : warmupSettled ? ", until CPU time per round settled" : ", CPU time per round still falling"), "", null);
      row(out, "    system load average", String.format(Locale.ROOT, "%.1f before, %.1f after (%d cores)", loadBefore,
          loadAfter, Runtime.getRuntime().availableProcessors()), "", null);
      if (coldLauncher != null) {
        row(out, "(c) cold runs of 'va triage', each a new JVM", String.format(Locale.ROOT,
            "%,d messages, median of %d runs", coldLauncher.messages(), coldRuns), "", null);
        // held to the target too: this is what a user running va triage once sees
        row(out, "    C1 compiler only, as ./va runs it", cold(coldLauncher), ">= 3,000",
            coldLauncher.perSecond() >= 3000);
        row(out, "    the JVM's default JIT (C1 and C2)", cold(coldDefault), "", null);
      }
      if (spam.total() > 0) {
        double decided = spam.confident / (double) spam.total();
        row(out, "(d) decided without an LLM (confidence >= " + TriageEngine.DEFAULT_LLM_THRESHOLD + ")",
            pct(decided) + String.format(Locale.ROOT, " (accuracy there %s)",
                pct(spam.confidentRight / (double) Math.max(1, spam.confident))), ">= 80 %", decided >= 0.8);
      }
      out.flush();
    }

    private static String cold(ColdRun.Result run) {
      return String.format(Locale.ROOT, "%,.0f messages/s (%.1f s in all)", run.perSecond(), run.processSeconds());
    }

    private static void row(PrintWriter out, String figure, String value, String target, Boolean met) {
      out.println(String.format(Locale.ROOT, "%-46s %-36s %-9s %s", figure, value, target,
          met == null ? "" : met ? "met" : "MISSED").stripTrailing());
    }

    private static String pct(double value) {
      return String.format(Locale.ROOT, "%.2f %%", 100 * value);
    }

    private static double median(double[] values) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }
}
