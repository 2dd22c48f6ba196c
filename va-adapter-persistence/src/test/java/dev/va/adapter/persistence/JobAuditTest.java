package dev.va.adapter.persistence;

import static dev.va.application.fixture.JobBuilder.aJob;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.port.out.PageRequest;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.job.Job;
import dev.va.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Job outcomes of a user's jobs reach the user's audit log as the job history is written. */
@ExtendWith(TestDatabase.class)
class JobAuditTest {
  private final PostgresUserRepository users;
  private final PostgresJobRepository jobs;
  private final PostgresAuditEventRepository audit;

  JobAuditTest(Database database) {
    users = new PostgresUserRepository(database);
    jobs = new PostgresJobRepository(database);
    audit = new PostgresAuditEventRepository(database);
  }

  @Test
  void eachFailedAttemptAndTheOutcomeAreAuditedOnceAndSystemJobsNot() {
    User user = aUser().build();
    users.insert(user);
    Job queued = aJob(user.id()).fresh().build();
    Job running = queued.started(queued.createdAt().plusSeconds(1));
    Job failed = running.failed("timeout", queued.createdAt().plusSeconds(9), queued.createdAt().plusSeconds(2));
    Job succeeded = failed.started(queued.createdAt().plusSeconds(9)).succeeded(queued.createdAt().plusSeconds(10));

    jobs.upsertAll(List.of(queued));
    jobs.upsertAll(List.of(running));
    jobs.upsertAll(List.of(failed));
    jobs.upsertAll(List.of(failed)); // the same state written again is not a new event
    jobs.upsertAll(List.of(succeeded));
    jobs.upsertAll(List.of(aJob(null).fresh().build().started(queued.createdAt()).succeeded(queued.createdAt())));

    List<AuditEvent> events = audit.listByActor(user.id(), PageRequest.first(50)).items();
    assertThat(events).extracting(AuditEvent::action).containsExactly("job.succeeded", "job.failed");
    assertThat(events).allSatisfy(e -> {
      assertThat(e.targetType()).isEqualTo("job");
      assertThat(e.targetId()).isEqualTo(queued.id().toString());
    });
    assertThat(events.get(1).details()).containsEntry("error", "timeout").containsEntry("attempts", "1");
  }
}
