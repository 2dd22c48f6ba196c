package dev.va.bootstrap.triage;

import dev.va.application.triage.classify.LogisticRegression;
import dev.va.application.triage.classify.NeedsReplyDetector;
import dev.va.application.triage.classify.TriageModel;
import dev.va.bootstrap.triage.IntentFile.Sentence;
import dev.va.bootstrap.triage.LabelledCorpus.Sample;
import dev.va.domain.mail.Category;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code va classifier}: the local triage models. */
@Command(name = "classifier", mixinStandardHelpOptions = true, description = "Trains the local triage models.")
public final class ClassifierCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  /** {@code va classifier} with its subcommands. */
  public static CommandLine commandLine(Clock clock) {
    return new CommandLine(new ClassifierCommand()).addSubcommand(new Train(clock));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a classifier command is required (train)");
  }

  /** {@code va classifier train}. */
  @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
      description = {
          "Trains the category model on labelled raw messages (and the needs-reply model on labelled sentences) and"
              + " writes both to one model file for 'va triage --model'.",
          "Without --needs-reply-data the model file holds no needs-reply model and triage falls back to cue"
              + " phrases (a question, 'could you', 'please', 'let me know', ...)."})
  static final class Train implements Callable<Integer> {
    private final Clock clock;

    @Spec
    private CommandSpec spec;

    @Option(names = "--labels", required = true, paramLabel = "FILE",
        description = "Lines 'path<TAB>category', paths relative to FILE's directory; 'ham' means personal.")
    private Path labels;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "The model file to write.")
    private Path out;

    @Option(names = "--needs-reply-data", paramLabel = "TSV", description = "Lines 'Yes|No<TAB>sentence'.")
    private Path needsReplyData;

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: the number of cores).")
    private int threads = Runtime.getRuntime().availableProcessors();

    Train(Clock clock) {
      this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      List<String> problems = new ArrayList<>();
      List<LabelsFile.Entry> entries = Inputs.read(labels, () -> LabelsFile.read(labels), problems);
      List<Sentence> sentences = needsReplyData == null ? null
          : Inputs.read(needsReplyData, () -> IntentFile.read(needsReplyData), problems);
      Path target = out.toAbsolutePath();
      if (Files.isDirectory(target)) problems.add(out + ": is a directory");
      else if (!Files.isDirectory(target.getParent())) problems.add(out + ": its directory does not exist");
      if (threads < 1 || threads > 256) problems.add("--threads: must be from 1 to 256");
      if (!problems.isEmpty()) return Inputs.usage(err, problems);

      err.printf(Locale.ROOT, "va: reading the messages of %,d labelled paths%n", entries.size());
      LabelledCorpus corpus = LabelledCorpus.load(entries, false, threads, clock, new Progress(err,
          Progress.terminal(), clock));
      Inputs.list(err, "unreadable", corpus.unreadable());
      Inputs.list(err, "malformed", corpus.malformed());
      Map<Category, Integer> counts = corpus.counts();
      if (counts.size() < 2) {
        return Inputs.usage(err, List.of(labels + ": needs readable messages of at least two categories, found "
            + (counts.isEmpty() ? "none" : counts.keySet())));
      }

      err.printf(Locale.ROOT, "va: training the category model on %,d messages%n", corpus.samples().size());
      LogisticRegression categories = Training.categoryModel(corpus.samples(), Training.SEED);
      if (sentences != null) {
        err.printf(Locale.ROOT, "va: training the needs-reply model on %,d sentences%n", sentences.size());
      }
      Optional<NeedsReplyDetector> detector = Optional.ofNullable(sentences)
          .map(s -> Training.needsReply(s, Training.SEED));
      long bytes = write(new TriageModel(categories, detector.map(NeedsReplyDetector::model)), target);

      PrintWriter stdout = spec.commandLine().getOut();
      summary(stdout, corpus, categories);
      if (detector.isPresent()) {
        long yes = sentences.stream().filter(Sentence::needsReply).count();
        long right = sentences.stream().filter(s -> Training.predicts(detector.get(), s) == s.needsReply()).count();
        stdout.printf(Locale.ROOT, "needs-reply model: %,d sentences (%,d yes, %,d no), training accuracy %.2f %%%n",
            sentences.size(), yes, sentences.size() - yes, 100.0 * right / sentences.size());
      } else {
        stdout.println("needs-reply model: none; cue phrases decide (train one with --needs-reply-data)");
      }
      stdout.printf(Locale.ROOT, "model written to %s (%,d bytes)%n", out, bytes);
      stdout.flush();
      return ExitCode.OK;
    }

    private static void summary(PrintWriter out, LabelledCorpus corpus, LogisticRegression model) {
      out.printf(Locale.ROOT, "%,d messages trained on (%,d unreadable, %,d malformed skipped); %,d features%n",
          corpus.samples().size(), corpus.unreadable().size(), corpus.malformed().size(), model.featureCount());
      out.printf(Locale.ROOT, "%-20s %10s %18s%n", "category", "messages", "training accuracy");
      Map<Category, int[]> tally = new TreeMap<>((a, b) -> a.name().compareTo(b.name()));
      for (Sample s : corpus.samples()) {
        int[] t = tally.computeIfAbsent(s.category(), c -> new int[2]);
        t[0]++;
        if (model.predict(s.features()).orElseThrow().label().equals(s.category().name())) t[1]++;
      }
      int total = 0;
      int right = 0;
      for (Map.Entry<Category, int[]> e : tally.entrySet()) {
        out.printf(Locale.ROOT, "%-20s %,10d %16.2f %%%n", e.getKey().name(), e.getValue()[0],
            100.0 * e.getValue()[1] / e.getValue()[0]);
        total += e.getValue()[0];
        right += e.getValue()[1];
      }
      out.printf(Locale.ROOT, "%-20s %,10d %16.2f %%%n", "all", total, 100.0 * right / total);
    }

    /** Writes beside the target and moves into place, so a failed run never leaves half a model. */
    private static long write(TriageModel model, Path target) throws IOException {
      Path temporary = Files.createTempFile(target.getParent(), ".va-model-", ".tmp");
      try {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(temporary))) {
          model.writeTo(stream);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
      return Files.size(target);
    }
  }
}
