package dev.va.application.port.out;

import static dev.va.application.fixture.DataAnalysisJobBuilder.anAnalysis;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fixture.Paging;
import dev.va.application.fixture.TestIds;
import dev.va.application.fixture.TestTimes;
import dev.va.domain.analysis.DataAnalysisJob;
import dev.va.domain.analysis.DataAnalysisJobId;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link DataAnalysisJobRepository} shares. */
public interface DataAnalysisJobRepositoryContract {
  DataAnalysisJobRepository analyses();

  /** Where owners are stored first, so stores with foreign keys accept the analyses. */
  UserRepository users();

  private UserId storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user.id();
  }

  private DataAnalysisJob stored(DataAnalysisJob job) {
    analyses().insert(job);
    return job;
  }

  private Function<PageRequest, Page<DataAnalysisJob>> listOf(UserId owner) {
    return page -> analyses().listByUser(owner, page);
  }

  @Test
  default void storesAPendingAnalysis() {
    DataAnalysisJob job = stored(anAnalysis(storedUser()).build());

    assertThat(analyses().findById(job.userId(), job.id())).contains(job);
  }

  @Test
  default void storesAnAnalysisWithEveryOptionalFieldEmpty() {
    DataAnalysisJob job = stored(anAnalysis(storedUser()).bare().build());

    assertThat(analyses().findById(job.userId(), job.id())).contains(job);
  }

  @Test
  default void storesEveryStepOfTheLifeCycle() {
    DataAnalysisJob pending = stored(anAnalysis(storedUser()).build());
    DataAnalysisJob processing = pending.start(TestTimes.at(10));
    analyses().update(processing);
    assertThat(analyses().findById(pending.userId(), pending.id())).contains(processing);

    DataAnalysisJob completed = processing.complete("{\"rows\": 120,  \"growth\": {\"north\": 0.12}}",
        TestTimes.at(20));
    analyses().update(completed);
    assertThat(analyses().findById(pending.userId(), pending.id())).contains(completed);
  }

  @Test
  default void storesAFailedAnalysis() {
    DataAnalysisJob pending = stored(anAnalysis(storedUser()).build());
    DataAnalysisJob failed = pending.start(TestTimes.at(10)).fail("CSV has no header row", TestTimes.at(11));

    analyses().update(failed);

    assertThat(analyses().findById(pending.userId(), pending.id())).contains(failed);
  }

  @Test
  default void hidesAnAnalysisFromOtherUsers() {
    DataAnalysisJob job = stored(anAnalysis(storedUser()).build());
    UserId stranger = storedUser();

    assertThat(analyses().findById(stranger, job.id())).isEmpty();
    assertThat(analyses().listByUser(stranger, PageRequest.first(10)).items()).isEmpty();
    assertThat(analyses().delete(stranger, job.id())).isFalse();
    assertThat(analyses().findById(job.userId(), job.id())).contains(job);
  }

  @Test
  default void findsNothingForAnUnknownId() {
    assertThat(analyses().findById(storedUser(), DataAnalysisJobId.random())).isEmpty();
  }

  @Test
  default void ignoresAnUpdateThatNamesAnotherOwner() {
    DataAnalysisJob job = stored(anAnalysis(storedUser()).build());
    UserId stranger = storedUser();
    DataAnalysisJob hijacked = new DataAnalysisJob(job.id(), stranger, "Hijacked", job.fileKey(), null,
        job.analysisType(), null, job.status(), null, null, job.createdAt(), TestTimes.at(50), null, null);

    analyses().update(hijacked);

    assertThat(analyses().findById(job.userId(), job.id())).contains(job);
    assertThat(analyses().findById(stranger, job.id())).isEmpty();
  }

  @Test
  default void updateOfAnUnknownAnalysisStoresNothing() {
    DataAnalysisJob ghost = anAnalysis(storedUser()).build();

    analyses().update(ghost);

    assertThat(analyses().findById(ghost.userId(), ghost.id())).isEmpty();
  }

  @Test
  default void listsNewestFirstAndPagesThroughEveryAnalysisOnce() {
    UserId owner = storedUser();
    Instant tie = TestTimes.at(100);
    DataAnalysisJob tieLow = stored(anAnalysis(owner).id(TestIds.withoutHighBit()).createdAt(tie).build());
    DataAnalysisJob oldest = stored(anAnalysis(owner).createdAt(TestTimes.at(1)).build());
    DataAnalysisJob newest = stored(anAnalysis(owner).createdAt(TestTimes.at(200)).build());
    DataAnalysisJob tieHigh = stored(anAnalysis(owner).id(TestIds.withHighBit()).createdAt(tie).build());
    stored(anAnalysis(storedUser()).createdAt(tie).build());

    List<Page<DataAnalysisJob>> pages = Paging.allPages(listOf(owner), 3);

    assertThat(pages).extracting(Page::items)
        .containsExactly(List.of(newest, tieHigh, tieLow), List.of(oldest));
    assertThat(pages.get(1).nextCursor()).isNull();
  }

  @Test
  default void rejectsAMalformedCursor() {
    UserId owner = storedUser();

    assertThatThrownBy(() -> listOf(owner).apply(new PageRequest(5, "bm90IGEgY3Vyc29y")))
        .isInstanceOf(DomainValidationException.class);
  }

  @Test
  default void deletesAnAnalysisOnce() {
    DataAnalysisJob job = stored(anAnalysis(storedUser()).build());

    assertThat(analyses().delete(job.userId(), job.id())).isTrue();
    assertThat(analyses().delete(job.userId(), job.id())).isFalse();

    assertThat(analyses().findById(job.userId(), job.id())).isEmpty();
  }

  @Test
  default void deletingTheOwnerDeletesTheAnalyses() {
    DataAnalysisJob job = stored(anAnalysis(storedUser()).build());
    DataAnalysisJob other = stored(anAnalysis(storedUser()).build());

    users().delete(job.userId());

    assertThat(analyses().findById(job.userId(), job.id())).isEmpty();
    assertThat(analyses().listByUser(job.userId(), PageRequest.first(10)).items()).isEmpty();
    assertThat(analyses().findById(other.userId(), other.id())).contains(other);
  }
}
