package dev.va.adapter.web.replies;

import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;

import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.triage.TestMessages;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.util.concurrent.atomic.AtomicInteger;

/** Stores a user's mailbox and mail in the fakes, as a sync would have. */
final class Mailboxes {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Mailboxes() {}

  static EmailAccount account(InMemoryRepositories repositories, UserId owner) {
    EmailAccount account = anImapAccount(owner).build();
    repositories.accounts().insert(account);
    return account;
  }

  /**
   * A message to the account, received at {@code date} (RFC 1123), that the auto-reply policy would answer unless
   * {@code extraHeaders} say otherwise.
   */
  static EmailMessage mail(InMemoryRepositories repositories, EmailAccount account, String from, String subject,
      String date, String extraHeaders) {
    String address = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from;
    EmailMessage parsed = TestMessages.parse("Return-Path: <" + address + ">\n"
        + "From: " + from + "\n"
        + "To: " + account.address().value() + "\n"
        + "Subject: " + subject + "\n"
        + "Date: " + date + "\n"
        + "Message-ID: <web-" + SEQUENCE.incrementAndGet() + "@clients.test>\n"
        + extraHeaders
        + "\nHello, " + subject + ".\n");
    EmailMessage message = new EmailMessage(parsed.id(), account.id(), account.userId(), parsed.providerMessageId(),
        parsed.threadId(), parsed.messageIdHeader(), parsed.from(), parsed.to(), parsed.cc(), parsed.subject(),
        parsed.receivedAt(), parsed.headers(), parsed.bodyText(), parsed.attachments(), parsed.sizeBytes(),
        parsed.labels(), parsed.parseWarnings(), parsed.triage(), parsed.createdAt(), parsed.updatedAt());
    repositories.messages().insertIfAbsent(message);
    return message;
  }
}
