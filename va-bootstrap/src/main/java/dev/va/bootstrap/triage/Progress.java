package dev.va.bootstrap.triage;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * A progress line on stderr at most once a second, so short runs stay quiet. On a terminal the line is rewritten
 * in place ({@code \r}); otherwise (a log file, a pipe) each update is a line of its own.
 */
final class Progress {
  private static final long INTERVAL_MILLIS = 1_000;

  private final PrintWriter err;
  private final boolean terminal;
  private final Clock clock;
  private final long start;
  private long last;
  private boolean shown;

  Progress(PrintWriter err, boolean terminal, Clock clock) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
    this.start = clock.millis();
    this.last = start;
  }

  /**
   * Whether the JVM talks to a terminal. Java 17 cannot ask about stderr alone; the console exists when stdin and
   * stdout are terminals, so output piped to a file or {@code head} gets plain lines.
   */
  static boolean terminal() {
    return System.console() != null;
  }

  long elapsedMillis() {
    return clock.millis() - start;
  }

  /** Shows {@code text} if a second has passed since the last line; returns whether it did. */
  boolean update(Supplier<String> text) {
    long now = clock.millis();
    if (now - last < INTERVAL_MILLIS) return false;
    last = now;
    shown = true;
    if (terminal) {
      err.print("\r" + text.get() + "\u001b[K");
    } else {
      err.println(text.get());
    }
    err.flush();
    return true;
  }

  /** Makes {@link #done} print its line even if no progress line was shown. */
  void forceSummary() {
    shown = true;
  }

  /** Ends the progress display with a last line, if any was shown. */
  void done(Supplier<String> text) {
    if (!shown) return;
    if (terminal) err.print("\r" + text.get() + "\u001b[K\n");
    else err.println(text.get());
    err.flush();
  }
}
