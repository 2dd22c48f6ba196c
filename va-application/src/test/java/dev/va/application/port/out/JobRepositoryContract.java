package dev.va.application.port.out;

import static dev.va.application.fixture.JobBuilder.aJob;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fixture.Paging;
import dev.va.application.fixture.TestIds;
import dev.va.application.fixture.TestTimes;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobStatus;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link JobRepository} shares. */
public interface JobRepositoryContract {
  JobRepository jobs();

  /** Where owners are stored first, so stores with foreign keys accept the jobs. */
  UserRepository users();

  private UserId storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user.id();
  }

  private List<Job> stored(Job... jobs) {
    jobs().upsertAll(List.of(jobs));
    return List.of(jobs);
  }

  private Function<PageRequest, Page<Job>> listOf(UserId owner) {
    return page -> jobs().list(new JobQuery(owner, null, null, null, page));
  }

  private List<Job> query(UserId owner, JobStatus status, String type, String queue) {
    return jobs().list(new JobQuery(owner, status, type, queue, PageRequest.first(PageRequest.MAX_LIMIT))).items();
  }

  @Test
  default void storesEveryFieldOfAUserJob() {
    Job job = aJob(storedUser()).build();
    stored(job);

    assertThat(jobs().findById(job.id())).contains(job);
    assertThat(jobs().findById(job.userId(), job.id())).contains(job);
  }

  @Test
  default void storesASystemJobWithEveryOptionalFieldEmpty() {
    Job job = aJob(null).fresh().build();
    stored(job);

    assertThat(jobs().findById(job.id())).contains(job);
  }

  @Test
  default void findsNothingForAnUnknownId() {
    assertThat(jobs().findById(JobId.random())).isEmpty();
    assertThat(jobs().findById(storedUser(), JobId.random())).isEmpty();
  }

  @Test
  default void hidesAJobFromOtherUsers() {
    Job job = aJob(storedUser()).build();
    Job system = aJob(null).build();
    stored(job, system);
    UserId stranger = storedUser();

    assertThat(jobs().findById(stranger, job.id())).isEmpty();
    assertThat(jobs().findById(stranger, system.id())).isEmpty();
    assertThat(query(stranger, null, null, null)).isEmpty();
  }

  @Test
  default void aStateReportedLateNeverReplacesANewerOne() {
    Job queued = aJob(storedUser()).fresh().build();
    Job running = queued.started(queued.createdAt().plusSeconds(1));
    Job succeeded = running.succeeded(queued.createdAt().plusSeconds(2));
    jobs().upsertAll(List.of(succeeded));

    jobs().upsertAll(List.of(queued)); // the process that enqueued reports after the worker did
    assertThat(jobs().findById(queued.id())).contains(succeeded);

    Job other = aJob(storedUser()).fresh().build();
    Job failedOnce = other.started(TestTimes.at(1)).failed("boom", TestTimes.at(2), TestTimes.at(2));
    Job retried = failedOnce.started(TestTimes.at(2));
    jobs().upsertAll(List.of(retried));
    jobs().upsertAll(List.of(failedOnce)); // the first attempt's worker reports after the retry began elsewhere
    assertThat(jobs().findById(other.id())).contains(retried);

    Job dead = retried.buried("boom", TestTimes.at(3));
    Job redriven = dead.redriven(TestTimes.at(4));
    jobs().upsertAll(List.of(dead));
    jobs().upsertAll(List.of(redriven));
    assertThat(jobs().findById(other.id())).as("queued again by a redrive").contains(redriven);
  }

  @Test
  default void replacesJobsByIdAndInsertsNewOnes() {
    UserId owner = storedUser();
    Job queued = aJob(owner).fresh().build();
    stored(queued);
    Job running = queued.started(TestTimes.at(10)).withProgress(30);
    Job added = aJob(owner).build();

    jobs().upsertAll(List.of(running, added));

    assertThat(jobs().findById(queued.id())).contains(running);
    assertThat(jobs().findById(added.id())).contains(added);
    Job done = running.succeeded(TestTimes.at(20));
    jobs().upsertAll(List.of(done));
    assertThat(jobs().findById(owner, queued.id())).contains(done);
  }

  @Test
  default void keepsTheNewestVersionOfAJobRepeatedInOneBatch() {
    Job queued = aJob(storedUser()).fresh().build();
    Job running = queued.started(TestTimes.at(10));
    Job failed = running.failed("boom", TestTimes.at(60), TestTimes.at(11));

    jobs().upsertAll(List.of(queued, running, failed));

    assertThat(jobs().findById(queued.id())).contains(failed);
    Job retried = failed.started(TestTimes.at(60));
    jobs().upsertAll(List.of(retried, failed));
    assertThat(jobs().findById(queued.id())).as("the newest, not the last in the batch").contains(retried);
  }

  @Test
  default void acceptsAnEmptyBatch() {
    jobs().upsertAll(List.of());
  }

  @Test
  default void storesALargeBatch() {
    UserId owner = storedUser();
    List<Job> batch = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      batch.add(aJob(i % 2 == 0 ? owner : null).createdAt(TestTimes.at(i)).build());
    }

    jobs().upsertAll(batch);

    assertThat(Paging.allItems(listOf(owner), PageRequest.MAX_LIMIT)).hasSize(1250);
    assertThat(jobs().findById(batch.get(2499).id())).contains(batch.get(2499));
  }

  @Test
  default void listsNewestFirstAndPagesThroughEveryJobOnce() {
    UserId owner = storedUser();
    Instant tie = TestTimes.at(100);
    Job newest = aJob(owner).createdAt(TestTimes.at(300)).build();
    Job tieHigh = aJob(owner).id(TestIds.withHighBit()).createdAt(tie).build();
    Job tieLow = aJob(owner).id(TestIds.withoutHighBit()).createdAt(tie).build();
    Job oldest = aJob(owner).createdAt(TestTimes.at(10)).build();
    stored(oldest, tieLow, newest, tieHigh, aJob(null).createdAt(tie).build());

    List<Page<Job>> pages = Paging.allPages(listOf(owner), 2);

    assertThat(pages).extracting(Page::items)
        .containsExactly(List.of(newest, tieHigh), List.of(tieLow, oldest));
    assertThat(pages.get(1).nextCursor()).isNull();
  }

  @Test
  default void rejectsAMalformedCursor() {
    UserId owner = storedUser();

    assertThatThrownBy(() -> listOf(owner).apply(new PageRequest(5, "%%%")))
        .isInstanceOf(DomainValidationException.class);
  }

  @Test
  default void filtersByStatusTypeAndQueue() {
    UserId owner = storedUser();
    Job syncQueued = aJob(owner).type("mail.sync").queue("mail").status(JobStatus.QUEUED)
        .createdAt(TestTimes.at(1)).build();
    Job syncDead = aJob(owner).type("mail.sync").queue("mail").status(JobStatus.DEAD)
        .createdAt(TestTimes.at(2)).build();
    Job analysis = aJob(owner).type("analysis.run").queue("default").status(JobStatus.QUEUED)
        .createdAt(TestTimes.at(3)).build();
    stored(syncQueued, syncDead, analysis, aJob(null).type("mail.sync").queue("mail").build());

    assertThat(query(owner, null, null, null)).containsExactly(analysis, syncDead, syncQueued);
    assertThat(query(owner, JobStatus.QUEUED, null, null)).containsExactly(analysis, syncQueued);
    assertThat(query(owner, null, "mail.sync", null)).containsExactly(syncDead, syncQueued);
    assertThat(query(owner, null, null, "default")).containsExactly(analysis);
    assertThat(query(owner, JobStatus.DEAD, "mail.sync", "mail")).containsExactly(syncDead);
    assertThat(query(owner, JobStatus.RUNNING, null, null)).isEmpty();
    assertThat(query(owner, null, "MAIL.SYNC", null)).isEmpty();
  }

  @Test
  default void deletingTheOwnerDeletesTheJobsButNotSystemJobs() {
    UserId owner = storedUser();
    Job job = aJob(owner).build();
    Job system = aJob(null).build();
    stored(job, system);

    users().delete(owner);

    assertThat(jobs().findById(job.id())).isEmpty();
    assertThat(jobs().findById(system.id())).contains(system);
  }

  @Test
  default void listsUnfinishedJobsOfEveryOwnerOldestFirstInPages() {
    UserId owner = storedUser();
    Instant base = TestTimes.at(7_000_000);
    Job queued = aJob(owner).fresh().createdAt(base.plusSeconds(3)).build();
    Job running = aJob(null).status(JobStatus.RUNNING).createdAt(base.plusSeconds(1)).build();
    Job retrying = aJob(owner).status(JobStatus.FAILED).createdAt(base.plusSeconds(2)).build();
    Job sameInstant = aJob(owner).fresh().createdAt(base.plusSeconds(3)).build();
    List<Job> finished = List.of(
        aJob(owner).status(JobStatus.SUCCEEDED).createdAt(base).build(),
        aJob(owner).status(JobStatus.DEAD).createdAt(base).build(),
        aJob(owner).status(JobStatus.CANCELLED).createdAt(base).build());
    stored(queued, running, retrying, sameInstant);
    jobs().upsertAll(finished);

    List<Job> seen = new ArrayList<>();
    Job after = null;
    for (List<Job> page = jobs().unfinished(null, 2); !page.isEmpty(); page = jobs().unfinished(after, 2)) {
      assertThat(page).hasSizeLessThanOrEqualTo(2);
      seen.addAll(page);
      after = page.get(page.size() - 1);
    }

    List<Job> mine = seen.stream().filter(job -> !job.createdAt().isBefore(base)).toList();
    Job third = queued.id().value().toString().compareTo(sameInstant.id().value().toString()) < 0 ? queued : sameInstant;
    Job fourth = third == queued ? sameInstant : queued;
    assertThat(mine).containsExactly(running, retrying, third, fourth);
    assertThat(seen).doesNotContainAnyElementsOf(finished);
    assertThat(seen).extracting(Job::status)
        .allMatch(status -> status == JobStatus.QUEUED || status == JobStatus.RUNNING || status == JobStatus.FAILED);
  }
}
