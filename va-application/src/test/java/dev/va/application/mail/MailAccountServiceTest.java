package dev.va.application.mail;

import static dev.va.application.fixture.EmailMessageBuilder.aMessage;
import static dev.va.application.fixture.ScheduledTaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.NotFoundException;
import dev.va.application.port.in.MailUseCases.ConnectImapAccountCommand;
import dev.va.application.port.out.DuplicateException;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.schedule.MisfirePolicy;
import dev.va.domain.schedule.Schedule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailAccountServiceTest {
  private final MailWorld world = new MailWorld();
  private final User ada = world.user();

  private static void assertInvalid(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void connecting_stores_the_password_encrypted_and_schedules_a_sync_that_fires_at_once() {
    world.server.createMailbox("ada@example.com", MailWorld.PASSWORD);

    EmailAccount account = world.accounts.connect(MailWorld.command(ada, "Ada@Example.com", MailWorld.PASSWORD));

    EmailAccount stored = world.repositories.accounts().findById(ada.id(), account.id()).orElseThrow();
    assertThat(stored).isEqualTo(account);
    assertThat(stored.address().value()).isEqualTo("ada@example.com");
    assertThat(stored.provider()).isEqualTo(MailProviderType.IMAP);
    assertThat(stored.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(stored.imap()).isEqualTo(new ServerEndpoint("imap.example.com", 993, ServerEndpoint.Security.TLS));
    assertThat(stored.smtp()).isEqualTo(new ServerEndpoint("smtp.example.com", 587, ServerEndpoint.Security.STARTTLS));
    assertThat(stored.credentials().token()).isNotEqualTo(MailWorld.PASSWORD).doesNotContain(MailWorld.PASSWORD);
    assertThat(world.cipher.decrypt(stored.credentials())).isEqualTo(MailWorld.PASSWORD);

    ScheduledTask task = world.repositories.tasks().listByUser(ada.id()).get(0);
    assertThat(task.name()).isEqualTo("sync ada@example.com");
    assertThat(task.schedule()).isEqualTo(new Schedule.Interval(Duration.ofMinutes(5)));
    assertThat(task.active()).isTrue();
    assertThat(task.misfirePolicy()).isEqualTo(MisfirePolicy.FIRE_ONCE);
    assertThat(task.jobType()).isEqualTo("mail.sync");
    assertThat(task.payload()).isEqualTo("{\"account_id\":\"" + account.id() + "\"}");
    assertThat(task.metadata()).isEqualTo(Map.of("account_id", account.id().toString()));
    assertThat(task.nextFireAt()).isEqualTo(MailWorld.START);

    AuditEvent event = world.repositories.audit().all().get(0);
    assertThat(event.action()).isEqualTo("account.connected");
    assertThat(event.actor()).isEqualTo(ada.id());
    assertThat(event.targetId()).isEqualTo(account.id().toString());
    assertThat(event.requestId()).isEqualTo("req-1");
    assertThat(event.details()).containsEntry("address", "ada@example.com").doesNotContainValue(MailWorld.PASSWORD);
  }

  @Test
  void a_refused_password_is_reported_on_the_password_field_and_nothing_is_stored() {
    world.server.createMailbox("ada@example.com", MailWorld.PASSWORD);

    assertThatThrownBy(() -> world.accounts.connect(MailWorld.command(ada, "ada@example.com", "wrong")))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("password");
          assertThat(e.getMessage()).isEqualTo("the IMAP server refused the username or password");
        });
    assertThat(world.repositories.accounts().listByUser(ada.id())).isEmpty();
    assertThat(world.repositories.tasks().listByUser(ada.id())).isEmpty();
    assertThat(world.repositories.audit().all()).isEmpty();
  }

  @Test
  void an_unreachable_server_is_reported_on_its_host_field() {
    world.server.createMailbox("ada@example.com", MailWorld.PASSWORD);
    world.server.setUnreachable("imap.example.com", true);
    assertThatThrownBy(() -> world.accounts.connect(MailWorld.command(ada, "ada@example.com", MailWorld.PASSWORD)))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("imap_host");
          assertThat(e.getMessage()).startsWith("the IMAP server at imap.example.com:993 could not be used: ");
        });

    world.server.setUnreachable("imap.example.com", false);
    world.server.setUnreachable("smtp.example.com", true);
    assertInvalid(() -> world.accounts.connect(MailWorld.command(ada, "ada@example.com", MailWorld.PASSWORD)),
        "smtp_host");
    assertThat(world.repositories.accounts().listByUser(ada.id())).isEmpty();
  }

  @Test
  void an_account_without_smtp_only_checks_imap() {
    world.server.createMailbox("ada@example.com", MailWorld.PASSWORD);
    world.server.setUnreachable("smtp.example.com", true);

    EmailAccount account = world.accounts.connect(ConnectImapAccountCommand.of(ada.id(), "ada@example.com", null,
        "imap.example.com", null, null, null, null, null, null, MailWorld.PASSWORD, MailWorld.META));

    assertThat(account.smtp()).isNull();
    assertThat(account.imap()).isEqualTo(new ServerEndpoint("imap.example.com", 993, ServerEndpoint.Security.TLS));
  }

  @Test
  void an_address_connected_twice_is_a_conflict_found_before_any_server_is_contacted() {
    world.connected(ada, "ada@example.com");
    int connections = world.server.connections();

    assertThatThrownBy(() -> world.accounts.connect(MailWorld.command(ada, "ADA@example.com", MailWorld.PASSWORD)))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("email"));
    assertThat(world.server.connections()).isEqualTo(connections);
    assertThat(world.repositories.tasks().listByUser(ada.id())).hasSize(1);

    User bob = world.user();
    world.accounts.connect(ConnectImapAccountCommand.of(bob.id(), "ada@example.com", null, "imap.example.com", 993,
        "tls", null, null, null, "ada@example.com", MailWorld.PASSWORD, MailWorld.META));
    assertThat(world.accounts.list(bob.id())).hasSize(1);
  }

  @Test
  void accounts_are_listed_and_found_only_by_their_owner() {
    EmailAccount first = world.connected(ada, "ada@example.com");
    world.advance(Duration.ofSeconds(1));
    EmailAccount second = world.connected(ada, "ada@work.example.com");
    User bob = world.user();

    assertThat(world.accounts.list(ada.id())).containsExactly(first, second);
    assertThat(world.accounts.get(ada.id(), second.id())).isEqualTo(second);
    assertThat(world.accounts.list(bob.id())).isEmpty();
    assertThatThrownBy(() -> world.accounts.get(bob.id(), first.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> world.accounts.get(ada.id(), EmailAccountId.random()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void removing_an_account_removes_its_messages_and_sync_task_only() {
    EmailAccount removed = world.connected(ada, "ada@example.com");
    EmailAccount kept = world.connected(ada, "ada@work.example.com");
    EmailMessage gone = aMessage(removed).build();
    EmailMessage stays = aMessage(kept).build();
    world.repositories.messages().insertIfAbsent(gone);
    world.repositories.messages().insertIfAbsent(stays);
    ScheduledTask digest = aTask(ada.id()).build();
    world.repositories.tasks().insert(digest);

    world.accounts.remove(ada.id(), removed.id(), MailWorld.META);

    assertThat(world.repositories.accounts().listByUser(ada.id())).containsExactly(kept);
    assertThat(world.repositories.messages().findById(ada.id(), gone.id())).isEmpty();
    assertThat(world.repositories.messages().findById(ada.id(), stays.id())).contains(stays);
    assertThat(world.repositories.tasks().listByUser(ada.id()))
        .extracting(task -> task.metadata().get("account_id"))
        .containsExactlyInAnyOrder(kept.id().toString(), null);
    AuditEvent event = world.repositories.audit().all().get(world.repositories.audit().all().size() - 1);
    assertThat(event.action()).isEqualTo("account.removed");
    assertThat(event.targetId()).isEqualTo(removed.id().toString());
  }

  @Test
  void connecting_and_removing_an_account_tell_the_account_changes_and_refusals_do_not() {
    world.server.createMailbox("ada@example.com", MailWorld.PASSWORD);
    assertInvalid(() -> world.accounts.connect(MailWorld.command(ada, "ada@example.com", "wrong")), "password");
    assertThat(world.changes.changed()).isEmpty();

    EmailAccount account = world.accounts.connect(MailWorld.command(ada, "ada@example.com", MailWorld.PASSWORD));
    assertThat(world.changes.changed()).containsExactly(account.id());

    User bob = world.user();
    assertThatThrownBy(() -> world.accounts.remove(bob.id(), account.id(), MailWorld.META))
        .isInstanceOf(NotFoundException.class);
    world.accounts.remove(ada.id(), account.id(), MailWorld.META);
    assertThat(world.changes.changed()).containsExactly(account.id(), account.id());
  }

  @Test
  void another_users_account_cannot_be_removed() {
    EmailAccount account = world.connected(ada, "ada@example.com");
    User bob = world.user();

    assertThatThrownBy(() -> world.accounts.remove(bob.id(), account.id(), MailWorld.META))
        .isInstanceOf(NotFoundException.class);
    assertThat(world.repositories.accounts().listByUser(ada.id())).containsExactly(account);
    assertThat(world.repositories.tasks().listByUser(ada.id())).hasSize(1);
  }

  @Test
  void sync_now_queues_one_forced_sync_however_often_it_is_asked_for() {
    EmailAccount account = world.connected(ada, "ada@example.com");

    Job first = world.accounts.syncNow(ada.id(), account.id(), MailWorld.META);
    Job again = world.accounts.syncNow(ada.id(), account.id(), MailWorld.META);

    assertThat(again).isEqualTo(first);
    assertThat(first.type()).isEqualTo("mail.sync");
    assertThat(first.userId()).isEqualTo(ada.id());
    assertThat(first.priority()).isEqualTo(JobPriority.HIGH);
    assertThat(first.idempotencyKey()).isEqualTo("mail.sync:" + account.id());
    assertThat(first.payload()).isEqualTo("{\"account_id\":\"" + account.id() + "\",\"force\":true}");
    assertThat(first.runAt()).isEqualTo(MailWorld.START);
    assertThat(world.queue.enqueued()).containsExactly(first);

    world.queue.finish(first.id());
    Job later = world.accounts.syncNow(ada.id(), account.id(), MailWorld.META);
    assertThat(later.id()).isNotEqualTo(first.id());
    assertThat(world.queue.enqueued()).hasSize(2);
  }

  @Test
  void sync_now_of_another_users_account_queues_nothing() {
    EmailAccount account = world.connected(ada, "ada@example.com");
    User bob = world.user();

    assertThatThrownBy(() -> world.accounts.syncNow(bob.id(), account.id(), MailWorld.META))
        .isInstanceOf(NotFoundException.class);
    assertThat(world.queue.enqueued()).isEmpty();
  }

  @Test
  void the_command_names_the_field_of_each_invalid_value() {
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), null, null, "imap.example.com", null, null, null,
        null, null, null, "pw", MailWorld.META), "email");
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), "not an address", null, "imap.example.com", null,
        null, null, null, null, null, "pw", MailWorld.META), "email");
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), "a@example.com", null, " ", null, null, null, null,
        null, null, "pw", MailWorld.META), "imap_host");
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), "a@example.com", null, "imap example.com", null,
        null, null, null, null, null, "pw", MailWorld.META), "imap_host");
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), "a@example.com", null, "imap.example.com", 0, null,
        null, null, null, null, "pw", MailWorld.META), "imap_port");
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), "a@example.com", null, "imap.example.com", 993,
        "ssl", null, null, null, null, "pw", MailWorld.META), "imap_security");
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), "a@example.com", null, "imap.example.com", 993,
        null, "smtp.example.com", 70000, null, null, "pw", MailWorld.META), "smtp_port");
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), "a@example.com", null, "imap.example.com", 993,
        null, "smtp.example.com", null, "plain", null, "pw", MailWorld.META), "smtp_security");
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), "a@example.com", null, "imap.example.com", 993,
        null, null, 587, null, null, "pw", MailWorld.META), "smtp_host");
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), "a@example.com", "x".repeat(201),
        "imap.example.com", 993, null, null, null, null, null, "pw", MailWorld.META), "display_name");
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), "a@example.com", null, "imap.example.com", 993,
        null, null, null, null, null, "", MailWorld.META), "password");
    assertInvalid(() -> ConnectImapAccountCommand.of(ada.id(), "a@example.com", null, "imap.example.com", 993,
        null, null, null, null, null, "p".repeat(1025), MailWorld.META), "password");
  }

  @Test
  void the_command_fills_in_defaults_and_never_shows_the_password() {
    ConnectImapAccountCommand command = ConnectImapAccountCommand.of(ada.id(), " a@Example.com ", "  ",
        " imap.example.com ", null, "StartTLS", "smtp.example.com", null, null, "  ", "hunter2", MailWorld.META);

    assertThat(command.imap()).isEqualTo(new ServerEndpoint("imap.example.com", 993,
        ServerEndpoint.Security.STARTTLS));
    assertThat(command.smtp()).isEqualTo(new ServerEndpoint("smtp.example.com", 587,
        ServerEndpoint.Security.STARTTLS));
    assertThat(command.displayName()).isNull();
    assertThat(command.username()).isNull();
    assertThat(command.email().value()).isEqualTo("a@example.com");
    assertThat(command.toString()).doesNotContain("hunter2");
    assertThat(command.password()).isEqualTo("hunter2");
  }
}
