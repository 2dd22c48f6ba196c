package dev.va.application.triage.rules;

/** One thing wrong with a rule document: where (a JSON path such as {@code $.when.any[2].op}) and what. */
public record RuleProblem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
