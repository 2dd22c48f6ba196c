package dev.va.bootstrap.bench;

import dev.va.bootstrap.triage.TriageBenchCommand;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code va bench}: measurements of va on this machine; see docs/BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measures va on this machine (see docs/BENCHMARKS.md).")
public final class BenchCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  private BenchCommand() {}

  /** The {@code bench} command with its benchmarks, reading their settings from {@code env}. */
  public static CommandLine create(Map<String, String> env) {
    return new CommandLine(new BenchCommand()).addSubcommand(new QueueBenchCommand(env))
        .addSubcommand(new TriageBenchCommand(Clock.systemUTC()));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required");
  }
}
