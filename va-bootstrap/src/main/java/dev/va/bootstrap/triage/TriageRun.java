package dev.va.bootstrap.triage;

import dev.va.adapter.mail.mime.MailSources;
import dev.va.adapter.mail.mime.RawMessage;
import dev.va.bootstrap.triage.OfflineTriage.Line;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The run behind {@code va triage}: messages are streamed from each path (read on the calling thread), triaged on
 * a bounded pool, and their lines handed to the sink in input order. Unreadable files and malformed messages give
 * error lines in their place. Shared with the benchmark, so that it measures exactly this.
 */
final class TriageRun {
  /** What a run produced: lines written, and how many of them were errors. */
  record Counts(long lines, long errors) {}

  private final OfflineTriage triage;
  private final int threads;

  TriageRun(OfflineTriage triage, int threads) {
    this.triage = triage;
    this.threads = threads;
  }

  /**
   * @param sink receives each line, in input order, on the calling thread
   * @param stop checked between messages: true ends the run early (e.g. the reader of the output went away)
   */
  Counts run(List<Path> paths, Consumer<Line> sink, BooleanSupplier stop) {
    long[] counts = new long[2];
    Consumer<Line> counting = line -> {
      counts[0]++;
      if (line.error()) counts[1]++;
      sink.accept(line);
    };
    try (OrderedPool<Line> pool = new OrderedPool<>(threads, threads * 64, counting)) {
      for (Path path : paths) {
        if (stop.getAsBoolean()) break;
        String prefix = prefix(path);
        MailSources.Unreadable unreadable =
            (source, error) -> pool.put(OfflineTriage.errorLine(prefix + source, ReadErrors.describe(error)));
        try (Stream<RawMessage> messages = MailSources.read(path, triage.maxMessageBytes(), unreadable)) {
          messages.takeWhile(m -> !stop.getAsBoolean()).forEach(raw -> {
            String source = prefix + raw.source();
            pool.submit(() -> triage.line(source, raw));
          });
        } catch (IOException e) {
          pool.put(OfflineTriage.errorLine(path.toString(), ReadErrors.describe(e)));
        }
      }
      pool.finish();
    }
    return new Counts(counts[0], counts[1]);
  }

  /** Sources are named as the user would find them: under a directory argument, or beside a file argument. */
  static String prefix(Path path) {
    if (Files.isDirectory(path)) return path + File.separator;
    Path parent = path.getParent();
    return parent == null ? "" : parent + File.separator;
  }
}
