package dev.va.bootstrap.triage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Needs-reply training data: one {@code Yes|No<TAB>sentence} per line ({@code Yes}: the sentence asks its reader
 * for something). Labels ignore case; empty lines are skipped.
 */
final class IntentFile {
  /** One labelled sentence. */
  record Sentence(String text, boolean needsReply) {}

  private IntentFile() {}

  static List<Sentence> read(Path file) throws IOException, InvalidInputException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Sentence> sentences = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) continue;
      int tab = line.indexOf('\t');
      String label = tab < 0 ? "" : line.substring(0, tab).strip();
      boolean yes = label.equalsIgnoreCase("yes");
      if ((!yes && !label.equalsIgnoreCase("no")) || line.substring(tab + 1).isBlank()) {
        problems.add(file + ":" + (i + 1) + ": expected Yes|No<TAB>sentence");
        continue;
      }
      sentences.add(new Sentence(line.substring(tab + 1), yes));
    }
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    if (sentences.stream().map(Sentence::needsReply).distinct().count() < 2) {
      throw new InvalidInputException(List.of(file + ": needs sentences labelled Yes and sentences labelled No"));
    }
    return sentences;
  }
}
