package dev.va.application.triage.job;

import dev.va.application.port.out.MailProvider;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A mail server that records the triage actions it is asked for ("setFlagged p-1 true", "addLabel p-1 clients") and
 * fails a chosen action: a stand-in for the server side only, not a mailbox (sync and fetch are not needed here).
 */
final class RecordingMailProvider implements MailProvider {
  private final List<String> calls = new ArrayList<>();
  private String failingAction;
  private MailProviderException failure;

  /** Every later call of {@code action} (e.g. "addLabel") throws {@code e}, until {@link #heal()}. */
  synchronized void fail(String action, MailProviderException e) {
    failingAction = action;
    failure = e;
  }

  synchronized void heal() {
    failingAction = null;
    failure = null;
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  private synchronized void record(String action, String id, Object argument) {
    calls.add(action + " " + id + (argument == null ? "" : " " + argument));
    if (action.equals(failingAction)) throw failure;
  }

  @Override
  public MailProviderType type() {
    return MailProviderType.IMAP;
  }

  @Override
  public SyncBatch sync(EmailAccount account, String cursor) {
    throw new UnsupportedOperationException("not a mailbox");
  }

  @Override
  public Optional<EmailMessage> fetch(EmailAccount account, String providerMessageId) {
    throw new UnsupportedOperationException("not a mailbox");
  }

  @Override
  public void setFlagged(EmailAccount account, String providerMessageId, boolean flagged) {
    record("setFlagged", providerMessageId, flagged);
  }

  @Override
  public void markRead(EmailAccount account, String providerMessageId, boolean read) {
    record("markRead", providerMessageId, read);
  }

  @Override
  public void addLabel(EmailAccount account, String providerMessageId, String label) {
    record("addLabel", providerMessageId, label);
  }

  @Override
  public void removeLabel(EmailAccount account, String providerMessageId, String label) {
    record("removeLabel", providerMessageId, label);
  }

  @Override
  public void moveTo(EmailAccount account, String providerMessageId, String folder) {
    record("moveTo", providerMessageId, folder);
  }

  @Override
  public void archive(EmailAccount account, String providerMessageId) {
    record("archive", providerMessageId, null);
  }

  @Override
  public String send(EmailAccount account, OutgoingMessage message) {
    throw new UnsupportedOperationException("triage sends nothing itself");
  }

  @Override
  public void checkConnection(EmailAccount account) {
    record("checkConnection", account.id().toString(), null);
  }
}
