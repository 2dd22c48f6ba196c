package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.MailProvider.OutgoingMessage;
import dev.va.application.port.out.MailProvider.SyncBatch;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link MailProvider} must have. Each test starts with an empty mailbox for {@link #account()};
 * the hooks put mail into it and look at the server side directly, not through the provider.
 */
public interface MailProviderContract {
  MailProvider provider();

  /** An account with valid credentials and an empty inbox. */
  EmailAccount account();

  /** The same mailbox with credentials the server refuses. */
  EmailAccount accountWithWrongCredentials();

  /** Puts an RFC 822 message (CRLF or LF line ends) into the account's inbox, as an arriving mail would be. */
  void deliver(String rawMessage);

  /** The folder holding the message with this Message-ID header ({@code <id>}), or null. */
  String folderOf(String messageIdHeader);

  boolean isFlaggedOnServer(String messageIdHeader);

  boolean isSeenOnServer(String messageIdHeader);

  /** The folder {@link MailProvider#archive} moves to. */
  String archiveFolder();

  /** True for a provider whose server gives sent mail a Message-ID of its own (as Gmail may). */
  default boolean replacesMessageIds() {
    return false;
  }

  private static String message(int n) {
    return "From: Sender " + n + " <sender" + n + "@example.com>\r\n"
        + "To: me@example.com\r\n"
        + "Subject: message " + n + "\r\n"
        + "Date: Mon, 2 Jun 2025 10:0" + (n % 10) + ":00 +0000\r\n"
        + "Message-ID: <contract-" + n + "@example.com>\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "\r\n"
        + "body of message " + n + "\r\n";
  }

  private static Set<String> subjects(SyncBatch batch) {
    return batch.messages().stream().map(EmailMessage::subject).collect(Collectors.toSet());
  }

  private EmailMessage only(SyncBatch batch) {
    assertThat(batch.messages()).hasSize(1);
    return batch.messages().get(0);
  }

  @Test
  default void firstSyncReturnsDeliveredMessagesParsed() {
    deliver(message(1));
    deliver(message(2));

    SyncBatch batch = provider().sync(account(), null);

    assertThat(batch.fullResync()).isTrue();
    assertThat(batch.hasMore()).isFalse();
    assertThat(batch.nextCursor()).isNotBlank();
    assertThat(subjects(batch)).containsExactlyInAnyOrder("message 1", "message 2");
    EmailMessage first = batch.messages().stream().filter(m -> m.subject().equals("message 1")).findFirst()
        .orElseThrow();
    assertThat(first.from()).isEqualTo("Sender 1 <sender1@example.com>");
    assertThat(first.to()).containsExactly("me@example.com");
    assertThat(first.messageIdHeader()).isEqualTo("<contract-1@example.com>");
    assertThat(first.bodyText()).isEqualTo("body of message 1");
    assertThat(first.headers()).containsKey("subject");
    assertThat(first.accountId()).isEqualTo(account().id());
    assertThat(first.userId()).isEqualTo(account().userId());
    assertThat(batch.messages()).extracting(EmailMessage::providerMessageId).doesNotHaveDuplicates();
  }

  @Test
  default void incrementalSyncSeesOnlyNewMail() {
    deliver(message(1));
    SyncBatch first = provider().sync(account(), null);
    deliver(message(2));
    deliver(message(3));

    SyncBatch second = provider().sync(account(), first.nextCursor());

    assertThat(second.fullResync()).isFalse();
    assertThat(subjects(second)).containsExactlyInAnyOrder("message 2", "message 3");
    SyncBatch third = provider().sync(account(), second.nextCursor());
    assertThat(third.messages()).isEmpty();
    assertThat(third.fullResync()).isFalse();
  }

  @Test
  default void unreadableCursorStartsAFullResyncWithTheSameIds() {
    deliver(message(1));
    SyncBatch first = provider().sync(account(), null);

    SyncBatch again = provider().sync(account(), "not a cursor at all");

    assertThat(again.fullResync()).isTrue();
    assertThat(again.messages()).extracting(EmailMessage::providerMessageId)
        .containsExactlyElementsOf(first.messages().stream().map(EmailMessage::providerMessageId).toList());
  }

  @Test
  default void syncDoesNotMarkMailRead() {
    deliver(message(1));
    provider().sync(account(), null);
    assertThat(isSeenOnServer("<contract-1@example.com>")).isFalse();
  }

  @Test
  default void fetchFindsAMessageByItsProviderId() {
    deliver(message(1));
    EmailMessage synced = only(provider().sync(account(), null));

    EmailMessage fetched = provider().fetch(account(), synced.providerMessageId()).orElseThrow();

    assertThat(fetched.providerMessageId()).isEqualTo(synced.providerMessageId());
    assertThat(fetched.subject()).isEqualTo("message 1");
    assertThat(provider().fetch(account(), synced.providerMessageId() + "-unknown")).isEmpty();
  }

  @Test
  default void flagsAndReadStateReachTheServer() {
    deliver(message(1));
    String id = only(provider().sync(account(), null)).providerMessageId();

    provider().setFlagged(account(), id, true);
    provider().markRead(account(), id, true);
    assertThat(isFlaggedOnServer("<contract-1@example.com>")).isTrue();
    assertThat(isSeenOnServer("<contract-1@example.com>")).isTrue();

    provider().setFlagged(account(), id, false);
    provider().markRead(account(), id, false);
    assertThat(isFlaggedOnServer("<contract-1@example.com>")).isFalse();
    assertThat(isSeenOnServer("<contract-1@example.com>")).isFalse();
  }

  @Test
  default void labelsAreAddedAndRemoved() {
    deliver(message(1));
    String id = only(provider().sync(account(), null)).providerMessageId();

    provider().addLabel(account(), id, "va/newsletter");
    provider().addLabel(account(), id, "Needs Reply");
    assertThat(provider().fetch(account(), id).orElseThrow().labels())
        .contains("va/newsletter", "Needs Reply");

    provider().removeLabel(account(), id, "va/newsletter");
    assertThat(provider().fetch(account(), id).orElseThrow().labels())
        .contains("Needs Reply").doesNotContain("va/newsletter");
  }

  @Test
  default void moveAndArchiveKeepTheProviderId() {
    deliver(message(1));
    String id = only(provider().sync(account(), null)).providerMessageId();

    provider().moveTo(account(), id, "Receipts");
    assertThat(folderOf("<contract-1@example.com>")).isEqualTo("Receipts");
    assertThat(provider().fetch(account(), id)).isPresent();

    provider().archive(account(), id);
    assertThat(folderOf("<contract-1@example.com>")).isEqualTo(archiveFolder());
  }

  @Test
  default void operationsOnAnUnknownMessageFail() {
    deliver(message(1));
    String id = only(provider().sync(account(), null)).providerMessageId();

    assertThatThrownBy(() -> provider().setFlagged(account(), id + "-unknown", true))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isFalse());
  }

  @Test
  default void sentReplyArrivesWithItsThreadingHeaders() {
    deliver(message(1));
    SyncBatch first = provider().sync(account(), null);
    String self = account().address().value();

    String messageId = provider().send(account(), new OutgoingMessage(null, List.of(self), List.of(),
        "Re: message 1", "Thanks, noted.", "<contract-1@example.com>",
        List.of("<root@example.com>", "<contract-1@example.com>"), Map.of("Auto-Submitted", "auto-replied")));

    assertThat(messageId).startsWith("<").endsWith(">").contains("@");
    EmailMessage reply = only(provider().sync(account(), first.nextCursor()));
    assertThat(reply.messageIdHeader()).isEqualTo(messageId);
    assertThat(reply.subject()).isEqualTo("Re: message 1");
    assertThat(reply.bodyText()).isEqualTo("Thanks, noted.");
    assertThat(reply.from()).contains(self);
    assertThat(reply.headers().get("in-reply-to")).containsExactly("<contract-1@example.com>");
    assertThat(reply.headers().get("references").get(0)).isEqualTo("<root@example.com> <contract-1@example.com>");
    assertThat(reply.headers().get("auto-submitted")).containsExactly("auto-replied");
    assertThat(reply.threadId()).isEqualTo("<root@example.com>");
  }

  @Test
  default void sentMessageCarriesTheMessageIdTheCallerChose() {
    deliver(message(1));
    SyncBatch first = provider().sync(account(), null);
    String self = account().address().value();
    String chosen = "<chosen-" + System.nanoTime() + "@va.example>";

    String messageId = provider().send(account(), new OutgoingMessage(null, List.of(self), List.of(),
        "Re: message 1", "Chosen id.", null, List.of(), Map.of()).withMessageId(chosen));

    assertThat(only(provider().sync(account(), first.nextCursor())).messageIdHeader()).isEqualTo(messageId);
    if (!replacesMessageIds()) assertThat(messageId).isEqualTo(chosen);
  }

  @Test
  default void connectionCheckPassesWithGoodCredentials() {
    provider().checkConnection(account());
  }

  @Test
  default void refusedCredentialsAreAnAuthenticationFailure() {
    assertThatThrownBy(() -> provider().checkConnection(accountWithWrongCredentials()))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isTrue());
    assertThatThrownBy(() -> provider().sync(accountWithWrongCredentials(), null))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isTrue());
  }
}
