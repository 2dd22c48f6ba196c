package dev.va.application.port.out;

import static dev.va.application.fixture.ReplyTemplateBuilder.aTemplate;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fixture.TestIds;
import dev.va.application.fixture.TestTimes;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link ReplyTemplateRepository} shares. */
public interface ReplyTemplateRepositoryContract {
  ReplyTemplateRepository templates();

  /** Where owners are stored first, so stores with foreign keys accept the templates. */
  UserRepository users();

  private UserId storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user.id();
  }

  private ReplyTemplate stored(ReplyTemplate template) {
    templates().insert(template);
    return template;
  }

  @Test
  default void storesEveryField() {
    ReplyTemplate approved = stored(aTemplate(storedUser()).approved().build());
    ReplyTemplate bare = stored(aTemplate(approved.userId()).subject(null).body("  Thanks!\n\n").build());

    assertThat(templates().findById(approved.userId(), approved.id())).contains(approved);
    assertThat(templates().findById(bare.userId(), bare.id())).contains(bare);
  }

  @Test
  default void hidesATemplateFromOtherUsers() {
    ReplyTemplate template = stored(aTemplate(storedUser()).build());
    UserId stranger = storedUser();

    assertThat(templates().findById(stranger, template.id())).isEmpty();
    assertThat(templates().listByUser(stranger)).isEmpty();
    assertThat(templates().delete(stranger, template.id())).isFalse();
    assertThat(templates().update(new ReplyTemplate(template.id(), stranger, "Mine", null, "x", 2, null,
        template.createdAt(), TestTimes.at(50)))).isFalse();
    assertThat(templates().findById(template.userId(), template.id())).contains(template);
  }

  @Test
  default void listsOldestFirstThenById() {
    UserId owner = storedUser();
    ReplyTemplate late = stored(aTemplate(owner).createdAt(TestTimes.at(9)).build());
    ReplyTemplate tieHigh = stored(aTemplate(owner).id(TestIds.withHighBit()).createdAt(TestTimes.at(5)).build());
    ReplyTemplate first = stored(aTemplate(owner).createdAt(TestTimes.at(1)).build());
    ReplyTemplate tieLow = stored(aTemplate(owner).id(TestIds.withoutHighBit()).createdAt(TestTimes.at(5)).build());

    assertThat(templates().listByUser(owner)).containsExactly(first, tieLow, tieHigh, late);
  }

  @Test
  default void storesTheNextVersionOnlyOverThePreviousOne() {
    ReplyTemplate template = stored(aTemplate(storedUser()).build());
    ReplyTemplate approved = template.approve(TestTimes.at(100));
    ReplyTemplate staleEdit = template.edit("Edited", null, "New text", TestTimes.at(101));

    assertThat(templates().update(approved)).isTrue();
    assertThat(templates().update(staleEdit)).isFalse();

    assertThat(templates().findById(template.userId(), template.id())).contains(approved);
  }

  @Test
  default void refusesAnUpdateOfAnUnknownTemplate() {
    ReplyTemplate ghost = aTemplate(storedUser()).build();

    assertThat(templates().update(ghost.approve(TestTimes.at(100)))).isFalse();

    assertThat(templates().findById(ghost.userId(), ghost.id())).isEmpty();
  }

  @Test
  default void deletesOnce() {
    ReplyTemplate template = stored(aTemplate(storedUser()).build());

    assertThat(templates().delete(template.userId(), template.id())).isTrue();
    assertThat(templates().delete(template.userId(), template.id())).isFalse();
    assertThat(templates().findById(template.userId(), ReplyTemplateId.random())).isEmpty();
    assertThat(templates().listByUser(template.userId())).isEmpty();
  }

  @Test
  default void deletingTheOwnerDeletesTheTemplates() {
    ReplyTemplate template = stored(aTemplate(storedUser()).build());
    ReplyTemplate other = stored(aTemplate(storedUser()).build());

    users().delete(template.userId());

    assertThat(templates().listByUser(template.userId())).isEmpty();
    assertThat(templates().listByUser(other.userId())).containsExactly(other);
  }
}
