package dev.va.application.privacy;

import dev.va.application.NotFoundException;
import dev.va.application.audit.AuditTrail;
import dev.va.application.auth.LoginThrottle;
import dev.va.application.auth.PasswordConfirmation;
import dev.va.application.port.in.PrivacyUseCases.DeleteAccount;
import dev.va.application.port.in.PrivacyUseCases.DeleteAccountCommand;
import dev.va.application.port.in.PrivacyUseCases.ExportUserData;
import dev.va.application.port.in.PrivacyUseCases.ListAuditEvents;
import dev.va.application.port.in.PrivacyUseCases.Profile;
import dev.va.application.port.in.PrivacyUseCases.UserData;
import dev.va.application.RequestMeta;
import dev.va.application.port.out.AuditEventRepository;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.DataAnalysisJobRepository;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.FileStorage;
import dev.va.application.port.out.JobQuery;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.MailAccountChanges;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.application.port.out.PasswordHasher;
import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.domain.analysis.DataAnalysisJob;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Audit listing, export of everything a user owns, and deletion of all of it. */
public final class PrivacyService implements ListAuditEvents, ExportUserData, DeleteAccount {
  private final UserRepository users;
  private final EmailAccountRepository accounts;
  private final EmailMessageRepository messages;
  private final AutoReplyRuleRepository rules;
  private final ScheduledTaskRepository tasks;
  private final JobRepository jobs;
  private final DataAnalysisJobRepository analyses;
  private final AuditEventRepository auditEvents;
  private final RefreshTokenRepository refreshTokens;
  private final UserCategoryRepository categories;
  private final JobQueue queue;
  private final FileStorage files;
  private final PasswordConfirmation confirmation;
  private final AuditTrail audit;
  private final MailAccountChanges accountChanges;
  private final Clock clock;

  /**
   * @param accountThrottle the per-account throttle of failed logins, shared with {@code AuthService}: wrong
   *     passwords given to delete the account count with those given to log in
   */
  public PrivacyService(UserRepository users, EmailAccountRepository accounts, EmailMessageRepository messages,
      AutoReplyRuleRepository rules, ScheduledTaskRepository tasks, JobRepository jobs,
      DataAnalysisJobRepository analyses, AuditEventRepository auditEvents, RefreshTokenRepository refreshTokens,
      UserCategoryRepository categories, JobQueue queue, FileStorage files, PasswordHasher hasher,
      LoginThrottle accountThrottle, AuditTrail audit, MailAccountChanges accountChanges, Clock clock) {
    this.users = users;
    this.accounts = accounts;
    this.messages = messages;
    this.rules = rules;
    this.tasks = tasks;
    this.jobs = jobs;
    this.analyses = analyses;
    this.auditEvents = auditEvents;
    this.refreshTokens = refreshTokens;
    this.categories = categories;
    this.queue = queue;
    this.files = files;
    this.confirmation = new PasswordConfirmation(hasher, accountThrottle);
    this.audit = audit;
    this.accountChanges = accountChanges;
    this.clock = clock;
  }

  /** Prefix of every stored file of a user; uploads must be stored under it so deletion finds them. */
  public static String filePrefix(UserId user) {
    return "users/" + user + "/";
  }

  @Override
  public Page<AuditEvent> list(UserId user, PageRequest page) {
    return auditEvents.listByActor(user, page);
  }

  @Override
  public UserData export(UserId userId, RequestMeta meta) {
    User user = users.findById(userId).orElseThrow(() -> new NotFoundException("user"));
    audit.record(userId, "user.exported", "user", userId.toString(), meta);
    List<EmailAccount> accountList = accounts.listByUser(userId).stream()
        .map(a -> a.withCredentials(null, a.updatedAt()))
        .toList();
    return new UserData(Profile.of(user), accountList,
        all(c -> messages.list(new MessageQuery(userId, null, null, null, null, null, null, null, page(c)))),
        rules.listByUser(userId), tasks.listByUser(userId),
        all(c -> jobs.list(new JobQuery(userId, null, null, null, page(c)))),
        all(c -> analyses.listByUser(userId, page(c))),
        all(c -> auditEvents.listByActor(userId, page(c))),
        categories.listByUser(userId));
  }

  @Override
  public void delete(DeleteAccountCommand command) {
    User user = users.findById(command.user()).orElseThrow(() -> new NotFoundException("user"));
    confirmation.confirm(user, command.password(), "password");
    // Work that may still run goes first, so no job of this user runs against half-deleted data: queued and
    // running jobs, and failed ones waiting for a retry.
    for (JobStatus status : JobStatus.values()) {
      if (status.terminal()) continue;
      for (Job job : all(c -> jobs.list(new JobQuery(user.id(), status, null, null, page(c))))) {
        queue.cancel(job.id());
      }
    }
    deleteFiles(user.id());
    refreshTokens.revokeAllForUser(user.id(), clock.instant());
    List<EmailAccountId> mailboxes = accounts.listByUser(user.id()).stream().map(EmailAccount::id).toList();
    users.delete(user.id());
    // watches of the mailboxes end now rather than at the next periodic look, so no connection outlives the user
    mailboxes.forEach(accountChanges::changed);
    // The user's own audit rows go with the account; this one, naming no person, records that it happened.
    audit.record(null, "user.deleted", "user", user.id().toString(), command.meta());
  }

  private void deleteFiles(UserId user) {
    String prefix = filePrefix(user);
    try {
      files.deleteByPrefix(prefix);
      // an analysis names its file, which may have been stored outside the user's prefix
      for (DataAnalysisJob analysis : all(c -> analyses.listByUser(user, page(c)))) {
        if (!analysis.fileKey().startsWith(prefix)) deleteIfStorable(analysis.fileKey());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deleteIfStorable(String key) throws IOException {
    try {
      files.delete(key);
    } catch (IllegalArgumentException notAKey) {
      // the storage refuses such a key, so no file can be stored under it: nothing to delete
    }
  }

  private static PageRequest page(String cursor) {
    return new PageRequest(PageRequest.MAX_LIMIT, cursor);
  }

  private static <T> List<T> all(Function<String, Page<T>> fetch) {
    List<T> out = new ArrayList<>();
    String cursor = null;
    do {
      Page<T> page = fetch.apply(cursor);
      out.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return out;
  }
}
