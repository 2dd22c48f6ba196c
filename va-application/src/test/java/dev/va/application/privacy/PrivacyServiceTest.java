package dev.va.application.privacy;

import static dev.va.application.fixture.AuditEventBuilder.anEvent;
import static dev.va.application.fixture.AutoReplyRuleBuilder.aRule;
import static dev.va.application.fixture.DataAnalysisJobBuilder.anAnalysis;
import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static dev.va.application.fixture.EmailMessageBuilder.aMessage;
import static dev.va.application.fixture.JobBuilder.aJob;
import static dev.va.application.fixture.RefreshTokenBuilder.aRefreshToken;
import static dev.va.application.fixture.ScheduledTaskBuilder.aTask;
import static dev.va.application.fixture.UserBuilder.aUser;
import static dev.va.application.fixture.UserCategoryBuilder.aCategory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.NotFoundException;
import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.auth.LoginThrottle;
import dev.va.application.auth.TooManyAttemptsException;
import dev.va.application.fake.InMemoryFileStorage;
import dev.va.application.fake.InMemoryPasswordHasher;
import dev.va.application.fake.RecordingJobQueue;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.in.PrivacyUseCases.DeleteAccountCommand;
import dev.va.application.port.in.PrivacyUseCases.Profile;
import dev.va.application.port.in.PrivacyUseCases.UserData;
import dev.va.application.port.out.JobQuery;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.analysis.DataAnalysisJob;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.RefreshToken;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrivacyServiceTest {
  private static final String PASSWORD = "correct horse battery";
  private static final RequestMeta META = new RequestMeta("req-9", "203.0.113.7");
  /** More messages than one page of the repository holds, so the export must follow cursors. */
  private static final int MESSAGES = PageRequest.MAX_LIMIT + 5;
  private static final int FREE_FAILURES = 3;

  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final InMemoryFileStorage files = new InMemoryFileStorage();
  private final RecordingJobQueue queue = new RecordingJobQueue(clock);
  private final InMemoryPasswordHasher hasher = new InMemoryPasswordHasher(10);
  /** The per-account login throttle, which deletion shares with AuthService. */
  private final LoginThrottle accountThrottle =
      new LoginThrottle(clock, FREE_FAILURES, Duration.ofMinutes(15), Duration.ofMinutes(15));
  /** The mailboxes IMAP IDLE was told about, and whether each was still stored then. */
  private final List<String> toldOfChange = new ArrayList<>();
  private final PrivacyService privacy = new PrivacyService(repositories.users(), repositories.accounts(),
      repositories.messages(), repositories.rules(), repositories.tasks(), repositories.jobs(),
      repositories.analyses(), repositories.audit(), repositories.refreshTokens(), repositories.categories(),
      queue.queue(), files, hasher, accountThrottle, new AuditTrail(repositories.audit(), clock),
      account -> toldOfChange.add(account + (repositories.accounts().findForSystem(account).isPresent()
          ? " still stored" : " gone")),
      clock);

  private Owned alice;
  private Owned bob;

  /** A user and one of each thing a user can own. */
  private record Owned(User user, EmailAccount account, List<EmailMessage> messages, AutoReplyRule rule,
      ScheduledTask task, Job queued, Job running, Job failed, Job succeeded, DataAnalysisJob analysis,
      AuditEvent event, RefreshToken token, UserCategory category, List<String> fileKeys) {}

  @BeforeEach
  void storeTwoUsersWithEverything() throws IOException {
    alice = storeUserWithEverything();
    bob = storeUserWithEverything();
  }

  private Owned storeUserWithEverything() throws IOException {
    User user = aUser().build().withPasswordHash(hasher.hash(PASSWORD.toCharArray()), clock.instant());
    repositories.users().insert(user);
    UserId id = user.id();
    EmailAccount account = anImapAccount(id).build();
    repositories.accounts().insert(account);
    List<EmailMessage> messages = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      EmailMessage message = aMessage(account).build();
      repositories.messages().insertIfAbsent(message);
      messages.add(message);
    }
    AutoReplyRule rule = aRule(id).build();
    repositories.rules().insert(rule);
    ScheduledTask task = aTask(id).build();
    repositories.tasks().insert(task);
    Job queued = aJob(id).fresh().build();
    Job running = aJob(id).status(JobStatus.RUNNING).build();
    Job failed = aJob(id).status(JobStatus.FAILED).build();
    Job succeeded = aJob(id).status(JobStatus.SUCCEEDED).build();
    repositories.jobs().upsertAll(List.of(queued, running, failed, succeeded));
    // the analysis' file lies outside the user's prefix, as older uploads may
    DataAnalysisJob analysis = anAnalysis(id).build();
    repositories.analyses().insert(analysis);
    AuditEvent event = anEvent(id).build();
    repositories.audit().append(event);
    RefreshToken token = aRefreshToken(id).build();
    repositories.refreshTokens().insert(token);
    UserCategory category = aCategory(id).build();
    repositories.categories().insert(category, UserCategory.MAX_PER_USER);
    String prefix = PrivacyService.filePrefix(id);
    List<String> fileKeys = List.of(prefix + "uploads/a.csv", prefix + "exports/2025/b.json", analysis.fileKey());
    for (String key : fileKeys) files.put(key, bytes(key), 1000);
    return new Owned(user, account, messages, rule, task, queued, running, failed, succeeded, analysis, event, token,
        category, fileKeys);
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void listsTheUsersAuditEvents() {
    assertThat(privacy.list(alice.user().id(), PageRequest.first(10)).items()).containsExactly(alice.event());
  }

  @Test
  void exportsEverythingTheUserOwnsAndNothingElse() {
    UserData data = privacy.export(alice.user().id(), META);

    assertThat(data.user()).isEqualTo(Profile.of(alice.user()));
    assertThat(data.accounts()).singleElement().satisfies(account -> {
      assertThat(account.id()).isEqualTo(alice.account().id());
      assertThat(account.address()).isEqualTo(alice.account().address());
      assertThat(account.credentials()).isNull();
    });
    assertThat(data.messages()).containsExactlyInAnyOrderElementsOf(alice.messages());
    assertThat(data.rules()).containsExactly(alice.rule());
    assertThat(data.tasks()).containsExactly(alice.task());
    assertThat(data.jobs()).containsExactlyInAnyOrder(alice.queued(), alice.running(), alice.failed(),
        alice.succeeded());
    assertThat(data.analyses()).containsExactly(alice.analysis());
    assertThat(data.categories()).containsExactly(alice.category());
    assertThat(data.audit()).extracting(AuditEvent::action).containsExactlyInAnyOrder("user.login", "user.exported");
    assertThat(data.audit()).allSatisfy(event -> assertThat(event.actor()).isEqualTo(alice.user().id()));
  }

  @Test
  void exportHoldsNoCredential() {
    String export = privacy.export(alice.user().id(), META).toString();

    assertThat(alice.account().credentials()).isNotNull();
    assertThat(export)
        .doesNotContain(alice.user().passwordHash())
        .doesNotContain(alice.account().credentials().token())
        .doesNotContain(alice.token().tokenHash())
        .contains(alice.user().email().value());
  }

  @Test
  void exportOfAnUnknownUserIsNotFound() {
    assertThatThrownBy(() -> privacy.export(UserId.random(), META)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void deletionNeedsTheRightPasswordAndTouchesNothingWithoutIt() {
    UserId id = alice.user().id();

    assertThatThrownBy(() -> privacy.delete(new DeleteAccountCommand(id, "not my password", META)))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("password"));

    assertThat(repositories.users().findById(id)).contains(alice.user());
    assertThat(queue.cancelled()).isEmpty();
    for (String key : alice.fileKeys()) assertThat(files.open(key)).as(key).isPresent();
    assertThat(repositories.refreshTokens().findByHash(alice.token().tokenHash())).contains(alice.token());
  }

  @Test
  void guessesOfThePasswordAreThrottledLikeLogins() {
    UserId id = alice.user().id();
    for (int i = 0; i < FREE_FAILURES; i++) {
      DeleteAccountCommand guess = new DeleteAccountCommand(id, "guess " + i, META);
      assertThatThrownBy(() -> privacy.delete(guess)).isInstanceOf(DomainValidationException.class);
    }

    // locked for 1 s now, even with the right password
    assertThatThrownBy(() -> privacy.delete(new DeleteAccountCommand(id, PASSWORD, META)))
        .isInstanceOfSatisfying(TooManyAttemptsException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    assertThat(repositories.users().findById(id)).isPresent();
    // bob's account has a counter of its own
    privacy.delete(new DeleteAccountCommand(bob.user().id(), PASSWORD, META));

    clock.set(clock.instant().plusSeconds(1));
    privacy.delete(new DeleteAccountCommand(id, PASSWORD, META));
    assertThat(repositories.users().findById(id)).isEmpty();
  }

  @Test
  void deletionCancelsTheWorkThatMayStillRun() {
    privacy.delete(new DeleteAccountCommand(alice.user().id(), PASSWORD, META));

    assertThat(queue.cancelled()).containsExactlyInAnyOrder(alice.queued().id(), alice.running().id(),
        alice.failed().id());
  }

  @Test
  void deletionRemovesTheUsersFiles() {
    privacy.delete(new DeleteAccountCommand(alice.user().id(), PASSWORD, META));

    for (String key : alice.fileKeys()) assertThat(files.open(key)).as(key).isEmpty();
    for (String key : bob.fileKeys()) assertThat(files.open(key)).as(key).isPresent();
  }

  @Test
  void whatWatchesTheDeletedUsersMailboxesIsToldOnceTheyAreGone() {
    privacy.delete(new DeleteAccountCommand(alice.user().id(), PASSWORD, META));

    assertThat(toldOfChange).containsExactly(alice.account().id() + " gone");
  }

  @Test
  void afterDeletionNoRepositoryReturnsAnythingOfTheUser() {
    UserId id = alice.user().id();

    privacy.delete(new DeleteAccountCommand(id, PASSWORD, META));

    assertThat(repositories.users().findById(id)).isEmpty();
    assertThat(repositories.users().findByEmail(alice.user().email())).isEmpty();
    assertThat(repositories.users().findByUsername(alice.user().username())).isEmpty();
    assertThat(repositories.accounts().listByUser(id)).isEmpty();
    assertThat(repositories.accounts().listAll()).extracting(EmailAccount::userId).doesNotContain(id);
    assertThat(repositories.messages().list(MessageQuery.all(id, PageRequest.MAX_LIMIT)).items()).isEmpty();
    assertThat(repositories.messages().findById(id, alice.messages().get(0).id())).isEmpty();
    assertThat(repositories.rules().listByUser(id)).isEmpty();
    assertThat(repositories.tasks().listByUser(id)).isEmpty();
    assertThat(repositories.tasks().listActive()).extracting(ScheduledTask::userId).doesNotContain(id);
    assertThat(repositories.jobs().list(new JobQuery(id, null, null, null, PageRequest.first(10))).items()).isEmpty();
    assertThat(repositories.jobs().findById(alice.queued().id())).isEmpty();
    assertThat(repositories.analyses().listByUser(id, PageRequest.first(10)).items()).isEmpty();
    assertThat(repositories.audit().listByActor(id, PageRequest.first(10)).items()).isEmpty();
    assertThat(repositories.refreshTokens().findByHash(alice.token().tokenHash())).isEmpty();
    assertThat(repositories.categories().listByUser(id)).isEmpty();
    assertThatThrownBy(() -> privacy.export(id, META)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> privacy.delete(new DeleteAccountCommand(id, PASSWORD, META)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void deletionLeavesOtherUsersAlone() {
    privacy.delete(new DeleteAccountCommand(alice.user().id(), PASSWORD, META));

    UserData data = privacy.export(bob.user().id(), META);
    assertThat(data.messages()).hasSize(MESSAGES);
    assertThat(data.rules()).containsExactly(bob.rule());
    assertThat(data.categories()).containsExactly(bob.category());
    assertThat(data.jobs()).hasSize(4);
    assertThat(repositories.refreshTokens().findByHash(bob.token().tokenHash())).contains(bob.token());
  }

  @Test
  void recordsTheDeletionWithoutNamingAnActor() {
    UserId id = alice.user().id();
    clock.set(clock.instant().plus(Duration.ofMinutes(1)));

    privacy.delete(new DeleteAccountCommand(id, PASSWORD, META));

    assertThat(repositories.audit().all()).filteredOn(e -> e.action().equals("user.deleted"))
        .singleElement().satisfies(event -> {
          assertThat(event.actor()).isNull();
          assertThat(event.targetType()).isEqualTo("user");
          assertThat(event.targetId()).isEqualTo(id.toString());
          assertThat(event.occurredAt()).isEqualTo(clock.instant());
          assertThat(event.requestId()).isEqualTo("req-9");
        });
    assertThat(repositories.audit().all()).extracting(AuditEvent::actor).doesNotContain(id);
  }
}
