package dev.va.application.mail;

import dev.va.application.NotFoundException;
import dev.va.application.port.in.MailUseCases.GetMessage;
import dev.va.application.port.in.MailUseCases.ListMessages;
import dev.va.application.port.in.MailUseCases.ListProcessedMessages;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.Page;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.user.UserId;

/** Reading synced messages; every query is scoped to its owner by {@link MessageQuery}. */
public final class MailMessageService implements ListMessages, ListProcessedMessages, GetMessage {
  private final EmailMessageRepository messages;

  public MailMessageService(EmailMessageRepository messages) {
    this.messages = messages;
  }

  @Override
  public Page<EmailMessage> list(MessageQuery query) {
    return messages.list(query);
  }

  @Override
  public Page<EmailMessage> listProcessed(MessageQuery q) {
    return messages.list(new MessageQuery(q.owner(), q.account(), q.category(), q.flagged(), true, q.receivedFrom(),
        q.receivedBefore(), q.text(), q.page()));
  }

  @Override
  public EmailMessage get(UserId user, EmailMessageId id) {
    return messages.findById(user, id).orElseThrow(() -> new NotFoundException("email message"));
  }
}
