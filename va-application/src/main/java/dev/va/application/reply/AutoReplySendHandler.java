package dev.va.application.reply;

import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.job.JobContext;
import dev.va.application.job.JobHandler;
import dev.va.application.job.JobRejectedException;
import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.MailProvider.OutgoingMessage;
import dev.va.application.triage.autoreply.AutoReplyBuilder;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyKind;
import dev.va.domain.reply.ReplyMessage;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one outbox entry ({@code mail.autoreply.send}), at most once whatever crashes and retries happen: the entry
 * is claimed (PENDING to SENDING, one worker wins), sent with its pre-chosen Message-ID, then recorded SENT. A run
 * that finds the entry settled does nothing. One that finds it SENDING under a live lease leaves it to its worker
 * and comes back when the lease ends; one that finds the lease over marks the entry UNCERTAIN and never sends it:
 * the worker may have sent it just before vanishing. Only the user can send an uncertain or failed entry again.
 */
public final class AutoReplySendHandler implements JobHandler {
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
  /** A look at an abandoned claim comes this long after its lease, so that it finds the lease over. */
  static final Duration LEASE_MARGIN = Duration.ofSeconds(1);
  static final String INTERRUPTED = "the send was interrupted (its worker stopped while sending): whether the reply "
      + "went out is unknown, so it is not sent again unless you ask";

  private final AutoReplyOutbox outbox;
  private final EmailAccountRepository accounts;
  private final EmailMessageRepository messages;
  private final Map<MailProviderType, MailProvider> providers;
  private final JobQueue queue;
  private final AuditTrail audit;
  private final Clock clock;
  private final Duration lease;

  /** @param lease how long a claim lasts: longer than any send takes, provider timeouts included */
  public AutoReplySendHandler(AutoReplyOutbox outbox, EmailAccountRepository accounts,
      EmailMessageRepository messages, Map<MailProviderType, MailProvider> providers, JobQueue queue,
      AuditTrail audit, Clock clock, Duration lease) {
    this.outbox = outbox;
    this.accounts = accounts;
    this.messages = messages;
    this.providers = Map.copyOf(providers);
    this.queue = queue;
    this.audit = audit;
    this.clock = clock;
    this.lease = lease;
  }

  @Override
  public String type() {
    return ReplyJobs.SEND;
  }

  @Override
  public void handle(JobContext context) {
    UserId owner = context.job().userId();
    if (owner == null) throw new JobRejectedException("a send job belongs to the entry's user");
    Optional<OutboxEntry> entry = outbox.findById(owner, ReplyJobs.outboxId(context.payload()));
    if (entry.isEmpty()) return;
    Instant now = clock.instant();
    switch (entry.get().status()) {
      case PENDING -> {
        Optional<OutboxEntry> claimed = outbox.claim(entry.get().id(), now.plus(lease), now);
        if (claimed.isPresent()) {
          send(claimed.get());
        } else {
          // another worker claimed it between the read and the claim: look again, as a later run would
          outbox.findById(owner, entry.get().id()).ifPresent(e -> settleAbandoned(e, context, now));
        }
      }
      case SENDING -> settleAbandoned(entry.get(), context, now);
      default -> { } // settled: sent, suppressed, failed or uncertain
    }
  }

  /** A claim held by someone else: wait for its lease, or, once it has run out, give the reply up as uncertain. */
  private void settleAbandoned(OutboxEntry entry, JobContext context, Instant now) {
    if (entry.status() != OutboxStatus.SENDING) return;
    if (entry.leaseExpired(now)) {
      outbox.markUncertain(entry.id(), INTERRUPTED, now);
    } else {
      Instant after = (entry.leaseUntil().isAfter(now) ? entry.leaseUntil() : now).plus(LEASE_MARGIN);
      ReplyJobs.enqueueLeaseCheck(queue, entry, context.job().id(), after, now);
    }
  }

  private void send(OutboxEntry entry) {
    Optional<EmailAccount> account = accounts.findById(entry.userId(), entry.accountId());
    if (account.isEmpty()) {
      fail(entry, "the mail account is no longer connected");
      return;
    }
    MailProvider provider = providers.get(account.get().provider());
    if (provider == null) {
      fail(entry, "no mail provider for " + account.get().provider() + " accounts is configured");
      return;
    }
    String sentId;
    try {
      sentId = provider.send(account.get(), outgoing(entry));
    } catch (MailProviderException | IllegalArgumentException e) {
      // the provider refused the message or could not be reached: not retried by itself, the user may resend
      fail(entry, "sending failed: " + e.getMessage());
      return;
    }
    Instant now = clock.instant();
    if (!outbox.markSent(entry.id(), entry.attempts(), sentId, now)) return;
    boolean automatic = entry.kind() == ReplyKind.AUTO_REPLY;
    audit.record(entry.userId(), automatic ? "autoreply.sent" : "draft.sent", "outbox_entry", entry.id().toString(),
        RequestMeta.NONE, Map.of("message_id", entry.messageId().toString(), "rule_id", entry.ruleId().toString(),
            "rule_version", Integer.toString(entry.ruleVersion()), "recipient", entry.reply().recipient()));
    if (automatic) messages.markAutoReplySent(entry.userId(), entry.messageId());
  }

  private void fail(OutboxEntry entry, String reason) {
    outbox.markFailed(entry.id(), entry.attempts(), reason, clock.instant());
  }

  private static OutgoingMessage outgoing(OutboxEntry entry) {
    ReplyMessage reply = entry.reply();
    // a reply the user approved is their own mail; only a rule's reply is marked automatic
    Map<String, String> headers = entry.kind() == ReplyKind.AUTO_REPLY ? AutoReplyBuilder.AUTOMATIC_HEADERS : Map.of();
    return new OutgoingMessage(null, List.of(reply.recipient()), List.of(), reply.subject(), reply.body(),
        reply.inReplyTo(), reply.references(), headers, entry.messageIdHeader());
  }
}
