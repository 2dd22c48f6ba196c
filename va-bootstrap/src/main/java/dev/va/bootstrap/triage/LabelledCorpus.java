package dev.va.bootstrap.triage;

import dev.va.adapter.mail.mime.MailSources;
import dev.va.adapter.mail.mime.RawMessage;
import dev.va.application.triage.classify.LocalClassifier;
import dev.va.bootstrap.triage.LabelsFile.Entry;
import dev.va.bootstrap.triage.OfflineMail.Malformed;
import dev.va.bootstrap.triage.OfflineMail.Message;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The messages of a labels file, parsed with the production MIME parser and turned into the category model's
 * features exactly as {@link LocalClassifier} does. Parsing runs on a pool; the order is the file's. Files that
 * cannot be read and messages that are not messages are counted and listed, never fatal.
 */
record LabelledCorpus(List<Sample> samples, List<String> unreadable, List<String> malformed) {

  /** One message: its category, its features and (when kept) the message itself. */
  record Sample(String source, Category category, List<String> features, EmailMessage message) {}

  LabelledCorpus {
    samples = List.copyOf(samples);
    unreadable = List.copyOf(unreadable);
    malformed = List.copyOf(malformed);
  }

  /**
   * @param keepMessages keep each parsed message (for evaluating the whole classifier), not only its features
   * @param progress shown while reading
   */
  static LabelledCorpus load(List<Entry> entries, boolean keepMessages, int threads, Clock clock, Progress progress) {
    OfflineMail mail = new OfflineMail(clock);
    List<Sample> samples = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    try (OrderedPool<Object> pool = new OrderedPool<>(threads, threads * 64, result -> {
      if (result instanceof Sample s) samples.add(s);
      else if (result instanceof Malformed m) malformed.add(m.source() + ": " + m.error());
      else unreadable.add((String) result);
      progress.update(() -> String.format(Locale.ROOT, "va: %,d messages read (%,d labelled paths)",
          samples.size() + malformed.size() + unreadable.size(), entries.size()));
    })) {
      for (Entry entry : entries) {
        String prefix = TriageRun.prefix(entry.path());
        MailSources.Unreadable report = (source, e) -> pool.put(prefix + source + ": " + ReadErrors.describe(e));
        try (Stream<RawMessage> messages = MailSources.read(entry.path(), mail.maxMessageBytes(), report)) {
          messages.forEach(raw -> pool.submit(() -> sample(mail, prefix + raw.source(), entry.category(), raw,
              keepMessages)));
        } catch (IOException e) {
          pool.put(entry.path() + ": " + ReadErrors.describe(e));
        }
      }
      pool.finish();
    }
    return new LabelledCorpus(samples, unreadable, malformed);
  }

  private static Object sample(OfflineMail mail, String source, Category category, RawMessage raw, boolean keep) {
    try {
      OfflineMail.Parsed parsed = mail.parse(source, raw);
      if (parsed instanceof Malformed m) return m;
      EmailMessage message = ((Message) parsed).message();
      return new Sample(source, category, LocalClassifier.features(message), keep ? message : null);
    } catch (RuntimeException | StackOverflowError e) {
      return new Malformed(source, "internal error: " + e);
    }
  }

  /** Messages per category, by name. */
  Map<Category, Integer> counts() {
    Map<Category, Integer> counts = new TreeMap<>((a, b) -> a.name().compareTo(b.name()));
    for (Sample s : samples) counts.merge(s.category(), 1, Integer::sum);
    return counts;
  }
}
