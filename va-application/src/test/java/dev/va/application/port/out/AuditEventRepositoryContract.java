package dev.va.application.port.out;

import static dev.va.application.fixture.AuditEventBuilder.anEvent;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fixture.Paging;
import dev.va.application.fixture.TestIds;
import dev.va.application.fixture.TestTimes;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link AuditEventRepository} shares. */
public interface AuditEventRepositoryContract {
  AuditEventRepository audit();

  /** Where actors are stored first, so stores with foreign keys accept the events. */
  UserRepository users();

  private UserId storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user.id();
  }

  private AuditEvent appended(AuditEvent event) {
    audit().append(event);
    return event;
  }

  private Function<PageRequest, Page<AuditEvent>> listOf(UserId actor) {
    return page -> audit().listByActor(actor, page);
  }

  private List<AuditEvent> all(UserId actor) {
    return Paging.allItems(listOf(actor), PageRequest.MAX_LIMIT);
  }

  @Test
  default void storesEveryField() {
    AuditEvent event = appended(anEvent(storedUser()).build());

    assertThat(all(event.actor())).containsExactly(event);
  }

  @Test
  default void storesAnEventWithOnlyTheRequiredFields() {
    AuditEvent event = appended(anEvent(storedUser()).bare().build());

    assertThat(all(event.actor())).containsExactly(event);
  }

  @Test
  default void acceptsAnEventWithoutActor() {
    UserId someone = storedUser();
    appended(anEvent(null).action("user.login_failed").build());

    assertThat(all(someone)).isEmpty();
  }

  @Test
  default void neverReplacesAnAppendedEvent() {
    AuditEvent event = appended(anEvent(storedUser()).build());
    AuditEvent sameId = anEvent(event.actor()).id(event.id().value()).action("user.deleted").build();

    assertThatThrownBy(() -> audit().append(sameId))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("id"));

    assertThat(all(event.actor())).containsExactly(event);
  }

  @Test
  default void listsTheEventsOfOneActorNewestFirstAndPagesThroughEachOnce() {
    UserId actor = storedUser();
    Instant tie = TestTimes.at(100);
    AuditEvent oldest = appended(anEvent(actor).occurredAt(TestTimes.at(1)).build());
    AuditEvent tieHigh = appended(anEvent(actor).id(TestIds.withHighBit()).occurredAt(tie).build());
    AuditEvent newest = appended(anEvent(actor).occurredAt(TestTimes.at(200)).build());
    AuditEvent tieLow = appended(anEvent(actor).id(TestIds.withoutHighBit()).occurredAt(tie).build());
    appended(anEvent(storedUser()).occurredAt(tie).build());
    appended(anEvent(null).occurredAt(tie).build());

    List<Page<AuditEvent>> pages = Paging.allPages(listOf(actor), 2);

    assertThat(pages).extracting(Page::items)
        .containsExactly(List.of(newest, tieHigh), List.of(tieLow, oldest));
    assertThat(pages.get(1).nextCursor()).isNull();
  }

  @Test
  default void rejectsAMalformedCursor() {
    UserId actor = storedUser();

    assertThatThrownBy(() -> listOf(actor).apply(new PageRequest(5, "")))
        .isInstanceOf(DomainValidationException.class);
  }

  @Test
  default void deletingTheActorDeletesTheEvents() {
    AuditEvent event = appended(anEvent(storedUser()).build());
    AuditEvent other = appended(anEvent(storedUser()).build());

    users().delete(event.actor());

    assertThat(all(event.actor())).isEmpty();
    assertThat(all(other.actor())).containsExactly(other);
  }
}
