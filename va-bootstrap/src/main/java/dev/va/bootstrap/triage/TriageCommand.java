package dev.va.bootstrap.triage;

import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.rules.RuleSet;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.shared.EmailAddress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code va triage}: triages message files offline and prints one JSON line per message. */
@Command(name = "triage", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Triages messages offline: category, confidence, needs-reply, matching rules and the auto-reply decision,"
            + " one JSON line per message on stdout, in input order. Nothing is sent or changed.",
        "PATH is a message file (.eml), an mbox file, a Maildir, or a directory holding any of these.",
        "Without --model only header signals classify (bounces, lists, no-reply senders, ...); other messages are"
            + " 'personal' with confidence 0.3, and needs-reply comes from cue phrases."})
public final class TriageCommand implements Callable<Integer> {
  private final Clock clock;

  @Spec
  private CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", description = "Model file written by 'va classifier train'.")
  private Path model;

  @Option(names = "--rules", paramLabel = "RULES.json",
      description = "Rules to run (see README, 'Offline triage'); invalid rules are reported with their JSON path.")
  private Path rules;

  @Option(names = "--me", paramLabel = "ADDRESS",
      description = "The user's address (repeatable); auto-replies need the user in To or Cc.")
  private List<String> me = new ArrayList<>();

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
  private int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--summary",
      description = "End with the count and rate on stderr even when the run was too short for a progress line.")
  private boolean summary;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Message files, mboxes, Maildirs or directories.")
  private List<Path> paths;

  public TriageCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<String> problems = new ArrayList<>();
    Set<EmailAddress> addresses = addresses(problems);
    if (threads < 1 || threads > 256) problems.add("--threads: must be from 1 to 256");
    for (Path path : paths) {
      if (!Files.exists(path)) problems.add(path + ": no such file or directory");
    }
    TriageModel triageModel = model == null ? TriageModel.untrained() : readModel(model, problems);
    RuleSet ruleSet = rules == null ? RuleSet.EMPTY
        : Inputs.read(rules, () -> RulesFile.read(rules), problems);
    if (!problems.isEmpty()) return Inputs.usage(err, problems);

    PrintWriter out = spec.commandLine().getOut();
    Progress progress = new Progress(err, Progress.terminal(), clock);
    long[] written = new long[1];
    boolean[] closed = new boolean[1];
    TriageRun run = new TriageRun(new OfflineTriage(triageModel, ruleSet, addresses, clock), threads);
    TriageRun.Counts counts = run.run(paths, line -> {
      out.write(line.json());
      out.write('\n');
      written[0]++;
      if (progress.update(() -> status(written[0], progress.elapsedMillis()))) {
        // a reader that went away (`| head`) ends the run instead of triaging the rest for nobody
        closed[0] = out.checkError() || System.out.checkError();
      }
    }, () -> closed[0]);
    out.flush();
    if (summary) progress.forceSummary();
    progress.done(() -> String.format(Locale.ROOT, "%s (%,d error lines)", status(counts.lines(),
        progress.elapsedMillis()), counts.errors()));
    return ExitCode.OK;
  }

  private static String status(long lines, long millis) {
    return String.format(Locale.ROOT, "va: %,d messages in %.1f s, %,.0f/s", lines, millis / 1000.0,
        lines * 1000.0 / Math.max(1, millis));
  }

  private Set<EmailAddress> addresses(List<String> problems) {
    Set<EmailAddress> out = new LinkedHashSet<>();
    for (String address : me) {
      try {
        out.add(EmailAddress.of(address));
      } catch (DomainValidationException e) {
        problems.add("--me " + address + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static TriageModel readModel(Path file, List<String> problems) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return TriageModel.readFrom(in);
    } catch (NoSuchFileException | AccessDeniedException e) {
      problems.add(file + ": " + ReadErrors.describe(e));
    } catch (IOException e) {
      problems.add(file + ": not a usable model: " + e.getMessage());
    }
    return null;
  }
}
