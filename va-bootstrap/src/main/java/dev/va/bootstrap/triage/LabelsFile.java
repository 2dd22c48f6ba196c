package dev.va.bootstrap.triage;

import dev.va.domain.mail.Category;
import dev.va.domain.shared.DomainValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A labels file for training: one {@code path<TAB>category} per line, the path relative to the file's directory
 * (an .eml file, or an mbox, Maildir or directory whose messages all get the category). Categories are va's built-in
 * ones ({@code spam}, {@code personal}, {@code newsletter}, ...), {@code ham} (taken as {@code personal}: in va,
 * wanted mail that no header marks as something else is personal), or any valid category name of the user's own.
 * Empty lines and lines starting with {@code #} are skipped.
 */
final class LabelsFile {
  /** One labelled path; {@code line} counts from 1. */
  record Entry(Path path, Category category, int line) {}

  private LabelsFile() {}

  static List<Entry> read(Path file) throws IOException, InvalidInputException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Path base = file.toAbsolutePath().getParent();
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) continue;
      String where = file + ":" + (i + 1);
      int tab = line.lastIndexOf('\t');
      if (tab <= 0 || line.substring(0, tab).isBlank()) {
        problems.add(where + ": expected path<TAB>category");
        continue;
      }
      try {
        Category category = category(line.substring(tab + 1));
        Path path = base.resolve(line.substring(0, tab).strip()).normalize();
        entries.add(new Entry(path, category, i + 1));
      } catch (DomainValidationException e) {
        problems.add(where + ": " + e.getMessage());
      } catch (InvalidPathException e) {
        problems.add(where + ": not a valid path: " + e.getReason());
      }
    }
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    if (entries.isEmpty()) throw new InvalidInputException(List.of(file + ": no labelled messages"));
    return entries;
  }

  static Category category(String label) {
    String name = label.strip().toLowerCase(Locale.ROOT);
    return name.equals("ham") ? Category.PERSONAL : new Category(name);
  }
}
