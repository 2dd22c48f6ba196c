package dev.va.application.fake;

import dev.va.application.port.out.MailAccountChanges;
import dev.va.domain.mail.EmailAccountId;
import java.util.ArrayList;
import java.util.List;

/** Records the accounts it is told about, in order. */
public final class RecordingMailAccountChanges implements MailAccountChanges {
  private final List<EmailAccountId> changed = new ArrayList<>();

  @Override
  public synchronized void changed(EmailAccountId account) {
    changed.add(account);
  }

  public synchronized List<EmailAccountId> changed() {
    return List.copyOf(changed);
  }
}
