package dev.va.application.mail;

import dev.va.application.job.RetryPolicy;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MailAccountChanges;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.MailProvider.SyncBatch;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Brings one account's new mail in: provider batches while the provider has more (bounded per run; the next run
 * goes on from the saved cursor), each message stored once per account and provider id, and one
 * {@link MailJobs#TRIAGE} job queued per new message. The cursor is saved after each batch's messages and triage
 * jobs, so a run that dies half-way repeats at most one batch, and that idempotently.
 *
 * <p>Failures stay with the account: refused credentials put it in NEEDS_REAUTH (scheduled syncs then skip it), any
 * other provider error in ERROR with a backoff of {@code min(base * 2^(n-1), cap)} after the n-th failure in a row.
 * A forced sync (asked for by the user) runs regardless.
 */
public final class MailSyncService {
  /** Most provider batches per run, and the backoff of an account whose syncs keep failing. */
  public record Settings(int maxBatchesPerRun, Duration backoffBase, Duration backoffCap) {
    public Settings {
      if (maxBatchesPerRun < 1) throw new IllegalArgumentException("maxBatchesPerRun must be at least 1");
      if (backoffBase.isNegative() || backoffBase.isZero()) {
        throw new IllegalArgumentException("backoffBase must be positive");
      }
      if (backoffCap.compareTo(backoffBase) < 0) {
        throw new IllegalArgumentException("backoffCap must not be below backoffBase");
      }
    }

    /** Ten batches a run; after failures wait 5 minutes, doubling up to 6 hours. */
    public static Settings defaults() {
      return new Settings(10, Duration.ofMinutes(5), Duration.ofHours(6));
    }
  }

  /** What a run did. */
  public enum Outcome {
    SYNCED,
    /** The account no longer exists. */
    GONE,
    DISABLED,
    /** Skipped: the account waits for new credentials. */
    AWAITING_CREDENTIALS,
    /** Skipped: the account's last syncs failed and its backoff has not run out. */
    BACKING_OFF,
    /** The provider refused the credentials; the account now waits for new ones. */
    CREDENTIALS_REFUSED,
    /** Another provider error; the account is in ERROR and backs off. */
    FAILED
  }

  /** {@code more}: the provider had more messages when the run stopped (bound reached or cancelled). */
  public record Result(Outcome outcome, int stored, boolean more) {
    static Result of(Outcome outcome) {
      return new Result(outcome, 0, false);
    }
  }

  static final int TRIAGE_ATTEMPTS = 5;
  private static final int MAX_ERROR_LENGTH = 1000;

  private final EmailAccountRepository accounts;
  private final EmailMessageRepository messages;
  private final Map<MailProviderType, MailProvider> providers;
  private final JobQueue queue;
  private final MailAccountChanges changes;
  private final Clock clock;
  private final Settings settings;
  private final RetryPolicy backoff;

  public MailSyncService(EmailAccountRepository accounts, EmailMessageRepository messages,
      Map<MailProviderType, MailProvider> providers, JobQueue queue, MailAccountChanges changes, Clock clock,
      Settings settings) {
    this.accounts = accounts;
    this.changes = changes;
    this.messages = messages;
    this.providers = Map.copyOf(providers);
    this.queue = queue;
    this.clock = clock;
    this.settings = settings;
    this.backoff = new RetryPolicy(settings.backoffBase(), settings.backoffCap());
  }

  /** When a scheduled sync may try the account again; empty when nothing holds it back. */
  public Optional<Instant> retryNotBefore(EmailAccount account) {
    if (account.syncFailures() == 0 || account.lastAttemptAt() == null) return Optional.empty();
    return Optional.of(account.lastAttemptAt().plus(backoff.ceiling(account.syncFailures())));
  }

  /** Syncs the account; {@code stop} is asked between batches whether to stop early. */
  public Result sync(EmailAccountId id, boolean force, BooleanSupplier stop) {
    Optional<EmailAccount> found = accounts.findForSystem(id);
    if (found.isEmpty()) return Result.of(Outcome.GONE);
    EmailAccount account = found.get();
    if (account.status() == AccountStatus.DISABLED) return Result.of(Outcome.DISABLED);
    if (!force) {
      if (account.status() == AccountStatus.NEEDS_REAUTH) return Result.of(Outcome.AWAITING_CREDENTIALS);
      Optional<Instant> notBefore = retryNotBefore(account);
      if (notBefore.isPresent() && clock.instant().isBefore(notBefore.get())) {
        return Result.of(Outcome.BACKING_OFF);
      }
    }
    MailProvider provider = providers.get(account.provider());
    if (provider == null) {
      String error = "no mail provider for " + account.provider() + " is configured";
      save(id, a -> a.syncFailed(error, clock.instant()));
      return Result.of(Outcome.FAILED);
    }
    return run(account, provider, stop);
  }

  private Result run(EmailAccount account, MailProvider provider, BooleanSupplier stop) {
    int stored = 0;
    int batches = 0;
    boolean more;
    String cursor = account.syncCursor();
    try {
      do {
        SyncBatch batch = provider.sync(account, cursor);
        stored += store(account, batch.messages());
        String next = batch.nextCursor();
        save(account.id(), a -> a.synced(next, clock.instant()));
        cursor = next;
        batches++;
        more = batch.hasMore();
      } while (more && batches < settings.maxBatchesPerRun() && !stop.getAsBoolean());
    } catch (MailProviderException e) {
      String error = describe(e);
      if (e.authentication()) {
        save(account.id(), a -> a.credentialsRefused(error, clock.instant()));
        changes.changed(account.id()); // its IDLE watch, logged in with the refused credentials, ends now
        return new Result(Outcome.CREDENTIALS_REFUSED, stored, false);
      }
      save(account.id(), a -> a.syncFailed(error, clock.instant()));
      return new Result(Outcome.FAILED, stored, false);
    }
    return new Result(Outcome.SYNCED, stored, more);
  }

  /**
   * Stores the batch and queues triage of each new message. A message stored by an earlier run that died before
   * queueing its triage is queued again while unprocessed; the idempotency key keeps that from doubling a job still
   * waiting or running.
   */
  private int store(EmailAccount account, List<EmailMessage> batch) {
    Instant now = clock.instant();
    List<Job> triage = new ArrayList<>();
    int stored = 0;
    for (EmailMessage message : batch) {
      if (!message.accountId().equals(account.id()) || !message.userId().equals(account.userId())) {
        throw new IllegalStateException("provider returned a message of another account");
      }
      if (messages.insertIfAbsent(message)) {
        stored++;
        triage.add(triageJob(message, now));
      } else {
        messages.findByProviderId(account.id(), message.providerMessageId())
            .filter(existing -> !existing.triage().processed())
            .ifPresent(existing -> triage.add(triageJob(existing, now)));
      }
    }
    if (!triage.isEmpty()) queue.enqueueAll(triage);
    return stored;
  }

  private static Job triageJob(EmailMessage message, Instant now) {
    return Job.create(message.userId(), MailJobs.TRIAGE, Job.DEFAULT_QUEUE, JobPriority.NORMAL,
        MailJobs.triagePayload(message), TRIAGE_ATTEMPTS, now, MailJobs.triageKey(message), now);
  }

  /** Applies {@code change} to the account as stored now, so fields changed meanwhile (credentials) are kept. */
  private void save(EmailAccountId id, UnaryOperator<EmailAccount> change) {
    accounts.findForSystem(id).ifPresent(current -> accounts.update(change.apply(current)));
  }

  private static String describe(MailProviderException e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }
}
