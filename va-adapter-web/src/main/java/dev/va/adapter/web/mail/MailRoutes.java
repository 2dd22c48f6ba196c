package dev.va.adapter.web.mail;

import dev.va.adapter.web.ApiRoutes;
import io.javalin.Javalin;
import jakarta.inject.Inject;

/** Connected mailboxes and their messages. */
public final class MailRoutes implements ApiRoutes {
  public static final String ACCOUNTS = BASE_PATH + "/email/accounts";
  public static final String ACCOUNT = ACCOUNTS + "/{id}";
  public static final String ACCOUNT_SYNC = ACCOUNT + "/sync";
  public static final String MESSAGES = BASE_PATH + "/email/messages";
  public static final String MESSAGE = MESSAGES + "/{id}";
  /** The processed messages: triage has run on them. */
  public static final String JOBS = BASE_PATH + "/email/jobs";

  private final MailAccountController accounts;
  private final MailMessageController messages;

  @Inject
  public MailRoutes(MailAccountController accounts, MailMessageController messages) {
    this.accounts = accounts;
    this.messages = messages;
  }

  @Override
  public void register(Javalin app) {
    app.post(ACCOUNTS, accounts::connect);
    app.get(ACCOUNTS, accounts::list);
    app.get(ACCOUNT, accounts::show);
    app.delete(ACCOUNT, accounts::remove);
    app.post(ACCOUNT_SYNC, accounts::sync);
    app.get(MESSAGES, messages::list);
    app.get(MESSAGE, messages::show);
    app.get(JOBS, messages::processed);
  }
}
