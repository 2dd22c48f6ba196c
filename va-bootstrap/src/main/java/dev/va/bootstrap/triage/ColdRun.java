package dev.va.bootstrap.triage;

import dev.va.application.triage.classify.TriageModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code va triage} over the corpus in a new JVM, as a user runs it once: start-up, model loading and the JIT
 * compiler's warm-up are all in it. On a small machine the warm-up decides such a run, and which compilers the JVM
 * uses changes the figure twofold, so the benchmark reports this beside its warmed-up rounds.
 */
final class ColdRun {
  /** The JVM options {@code ./va} starts {@code triage} and {@code classifier} with (see the script). */
  static final List<String> LAUNCHER_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

  private static final Pattern SUMMARY =
      Pattern.compile("va: ([\\d,]+) messages in [\\d.]+ s, ([\\d,]+)/s \\(([\\d,]+) error lines\\)");

  /**
   * @param messages lines written
   * @param perSecond messages per second while triaging, as {@code va triage} prints it
   * @param processSeconds the whole process, JVM start to exit
   */
  record Result(long messages, double perSecond, double processSeconds) {}

  private final Path dir;
  private final List<String> arguments;

  private ColdRun(Path dir, List<String> arguments) {
    this.dir = dir;
    this.arguments = arguments;
  }

  /** Writes the model, rules and message list the runs share into a new temporary directory. */
  static ColdRun prepare(TriageModel model, String rules, String me, List<Path> paths, int threads)
      throws IOException {
    Path dir = Files.createTempDirectory("va-cold-run");
    Path modelFile = dir.resolve("model.va");
    try (OutputStream out = Files.newOutputStream(modelFile)) {
      model.writeTo(out);
    }
    Path rulesFile = Files.writeString(dir.resolve("rules.json"), rules);
    // an argument file, not thousands of arguments: a long corpus would pass the system's limit
    StringBuilder list = new StringBuilder();
    for (Path path : paths) list.append(quoted(path.toAbsolutePath().toString())).append('\n');
    Path listFile = Files.writeString(dir.resolve("messages.txt"), list, StandardCharsets.UTF_8);
    return new ColdRun(dir, List.of("triage", "--model", modelFile.toString(), "--rules", rulesFile.toString(),
        "--me", me, "--threads", Integer.toString(threads), "--summary", "@" + listFile));
  }

  /** An argument in picocli's argument-file syntax: quoted, with quotes and backslashes escaped. */
  private static String quoted(String argument) {
    return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** One run with these JVM options; the output is discarded. */
  Result run(List<String> jvmOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(dev.va.bootstrap.VaCli.class.getName());
    command.addAll(arguments);
    Path errors = dir.resolve("stderr.txt");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(errors.toFile()).start();
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    String err = Files.readString(errors);
    Matcher summary = SUMMARY.matcher(err);
    Result result = null;
    while (summary.find()) {
      result = new Result(number(summary.group(1)), number(summary.group(2)), seconds);
    }
    if (exit != 0 || result == null) {
      throw new IOException("va triage in a new JVM failed (exit " + exit + "): " + err.strip());
    }
    return result;
  }

  /** The run of median speed. */
  static Result median(List<Result> runs) {
    List<Result> sorted = runs.stream().sorted(Comparator.comparingDouble(Result::perSecond)).toList();
    return sorted.get(sorted.size() / 2);
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }

  /** Removes the temporary files. */
  void delete() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
