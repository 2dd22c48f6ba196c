package dev.va.application.triage.model;

import dev.va.application.port.out.ClassifierModelStore;
import dev.va.application.port.out.ClassifierModelStore.StoredModel;
import dev.va.application.triage.classify.LocalClassifier;
import dev.va.application.triage.classify.NeedsReplyDetector;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.signals.HeaderSignals;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The triage models each user is classified with: their own once they corrected a classification, else the shared
 * base model. Loaded models are kept in memory (the most recently used {@link #CACHE_SIZE}) until the store says a
 * newer one was saved, so a correction made through another process counts from the next message on.
 *
 * <p>A correction copies the user's current model, takes one learning step on the copy and saves it: the base
 * model, shared by everyone, never changes. Corrections are serialised in this process; across processes the last
 * save wins.
 */
public final class ClassifierModels {
  public static final int CACHE_SIZE = 64;

  private record Cached(Instant updatedAt, TriageModel model) {}

  private final Object learning = new Object();
  private final TriageModel base;
  private final ClassifierModelStore store;
  private final Clock clock;
  private final Map<UserId, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<UserId, Cached> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  public ClassifierModels(TriageModel base, ClassifierModelStore store, Clock clock) {
    this.base = Objects.requireNonNull(base, "base");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The models to classify {@code user}'s mail with; read them, never train them (they may be shared). */
  public TriageModel forUser(UserId user) {
    Optional<Instant> saved = store.updatedAt(user);
    if (saved.isEmpty()) {
      synchronized (cache) {
        cache.remove(user);
      }
      return base;
    }
    synchronized (cache) {
      Cached cached = cache.get(user);
      if (cached != null && cached.updatedAt().equals(saved.get())) return cached.model();
    }
    Optional<StoredModel> stored = store.load(user);
    if (stored.isEmpty()) return base;
    TriageModel model = read(stored.get().model());
    synchronized (cache) {
      cache.put(user, new Cached(stored.get().updatedAt(), model));
    }
    return model;
  }

  /** A local classifier over the user's models. */
  public LocalClassifier classifier(UserId user, HeaderSignals signals) {
    return forUser(user).classifier(signals);
  }

  /**
   * The local classifier triage classifies {@code user}'s synced mail with: their models and the header signals
   * (not yet knowing the user's sent Message-IDs). Rule previews use it too, so they show what triage would decide.
   */
  public LocalClassifier classifier(UserId user) {
    return classifier(user, new HeaderSignals(messageId -> false));
  }

  /**
   * Learns from a correction of {@code message}: its features belong to {@code category}; when {@code needsReply}
   * is given and the user's models include a trained needs-reply model, the message's most demanding sentence (or
   * its subject) is taught as asking for a reply or not. An untrained needs-reply model is left alone: a handful of
   * corrections would replace the cues it falls back to with guesses.
   */
  public void learn(UserId user, EmailMessage message, Category category, Optional<Boolean> needsReply) {
    Objects.requireNonNull(category, "category");
    synchronized (learning) {
      TriageModel model = copy(forUser(user));
      LocalClassifier classifier = model.classifier(new HeaderSignals(id -> false));
      classifier.update(LocalClassifier.features(message), category);
      if (needsReply.isPresent() && model.needsReply().isPresent()
          && model.needsReply().get().labels().size() >= 2) {
        NeedsReplyDetector detector = model.needsReplyDetector();
        String sentence = detector.assess(message).sentence();
        if (sentence.isBlank() && message.subject() != null) sentence = message.subject();
        if (!sentence.isBlank()) detector.update(sentence, needsReply.get());
      }
      save(user, model);
    }
  }

  /**
   * Forgets a category the user deleted: their own model drops its label, so it is never predicted again and, if
   * the user creates a category of that name later, learns it from scratch. The shared base model is never changed;
   * a user who has no model of their own has nothing to forget.
   */
  public void forget(UserId user, Category category) {
    Objects.requireNonNull(category, "category");
    synchronized (learning) {
      if (store.updatedAt(user).isEmpty()) return;
      TriageModel model = copy(forUser(user));
      if (!model.categories().removeLabel(category.name())) return;
      save(user, model);
    }
  }

  private void save(UserId user, TriageModel model) {
    // stores keep microseconds; a save must look newer than the one before, or a process would keep the old model
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Optional<Instant> previous = store.updatedAt(user);
    Instant at = previous.isEmpty() || now.isAfter(previous.get()) ? now : previous.get().plus(1, ChronoUnit.MICROS);
    store.save(user, new StoredModel(write(model), at));
    synchronized (cache) {
      cache.put(user, new Cached(at, model));
    }
  }

  private static TriageModel copy(TriageModel model) {
    return read(write(model));
  }

  static byte[] write(TriageModel model) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      model.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static TriageModel read(byte[] bytes) {
    try {
      return TriageModel.readFrom(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("stored classifier model is unreadable", e);
    }
  }
}
