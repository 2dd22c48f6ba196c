package dev.va.bootstrap.triage;

import java.util.List;

/** An input file the user gave is not usable; each problem names where ("file:line" or a JSON path) and what. */
final class InvalidInputException extends Exception {
  private final List<String> problems;

  InvalidInputException(List<String> problems) {
    super(String.join("; ", problems));
    if (problems.isEmpty()) throw new IllegalArgumentException("no problems");
    this.problems = List.copyOf(problems);
  }

  List<String> problems() {
    return problems;
  }
}
