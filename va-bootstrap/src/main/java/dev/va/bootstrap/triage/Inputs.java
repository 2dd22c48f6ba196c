package dev.va.bootstrap.triage;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ExitCode;

/** Input files given on the command line, and how their problems reach the user (exit code 2, one line each). */
final class Inputs {
  /** Unreadable or malformed messages listed one by one before the rest are only counted. */
  static final int LISTED = 20;

  /** Reading of one input file. */
  @FunctionalInterface
  interface Reader<T> {
    T read() throws IOException, InvalidInputException;
  }

  private Inputs() {}

  /** Reads an input file of {@code file}; null, with the problems added, when it is unusable. */
  static <T> T read(Path file, Reader<T> reader, List<String> problems) {
    try {
      return reader.read();
    } catch (IOException e) {
      problems.add(file + ": " + ReadErrors.describe(e));
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
    }
    return null;
  }

  static int usage(PrintWriter err, List<String> problems) {
    problems.forEach(p -> err.println("va: " + p));
    err.flush();
    return ExitCode.USAGE;
  }

  /** Lists the first few problems of a kind and counts the rest. */
  static void list(PrintWriter err, String kind, List<String> items) {
    items.stream().limit(LISTED).forEach(i -> err.println("va: " + kind + ": " + i));
    if (items.size() > LISTED) err.printf(Locale.ROOT, "va: ... and %,d more %s%n", items.size() - LISTED, kind);
  }
}
