package dev.va.application.port.in;

import dev.va.application.RequestMeta;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.analysis.DataAnalysisJob;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.job.Job;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.shared.Require;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.List;

/** The audit log, data export and account deletion. A namespace: each nested interface is one use case. */
public interface PrivacyUseCases {
  /** Everything va holds about a user. Credentials are never part of it: no password hash, no account secrets. */
  record UserData(
      Profile user,
      List<EmailAccount> accounts,
      List<EmailMessage> messages,
      List<AutoReplyRule> rules,
      List<ScheduledTask> tasks,
      List<Job> jobs,
      List<DataAnalysisJob> analyses,
      List<AuditEvent> audit,
      List<UserCategory> categories) {}

  /** The user's own record, without the password hash. */
  record Profile(UserId id, EmailAddress email, String username, Instant createdAt, Instant updatedAt) {
    public static Profile of(User user) {
      return new Profile(user.id(), user.email(), user.username(), user.createdAt(), user.updatedAt());
    }
  }

  /** Deleting an account needs the password again. */
  record DeleteAccountCommand(UserId user, String password, RequestMeta meta) {
    public DeleteAccountCommand {
      Require.nonNull(user, "user");
      Require.that(password != null && !password.isEmpty(), "password", "password is required");
    }
  }

  interface ListAuditEvents {
    Page<AuditEvent> list(UserId user, PageRequest page);
  }

  interface ExportUserData {
    UserData export(UserId user, RequestMeta meta);
  }

  interface DeleteAccount {
    void delete(DeleteAccountCommand command);
  }
}
