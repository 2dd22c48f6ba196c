package dev.va.application.port.out;

import static dev.va.application.fixture.AutoReplyRuleBuilder.aRule;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fixture.TestIds;
import dev.va.application.fixture.TestTimes;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link AutoReplyRuleRepository} shares. */
public interface AutoReplyRuleRepositoryContract {
  AutoReplyRuleRepository rules();

  /** Where owners are stored first, so stores with foreign keys accept the rules. */
  UserRepository users();

  private UserId storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user.id();
  }

  private AutoReplyRule stored(AutoReplyRule rule) {
    rules().insert(rule);
    return rule;
  }

  @Test
  default void storesEveryFieldAndTheExactDocumentText() {
    AutoReplyRule rule = stored(aRule(storedUser()).enabled(false).build());

    assertThat(rules().findById(rule.userId(), rule.id())).contains(rule);
  }

  @Test
  default void hidesARuleFromOtherUsers() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());
    UserId stranger = storedUser();

    assertThat(rules().findById(stranger, rule.id())).isEmpty();
    assertThat(rules().listByUser(stranger)).isEmpty();
    assertThat(rules().delete(stranger, rule.id())).isFalse();
    assertThat(rules().findById(rule.userId(), rule.id())).contains(rule);
  }

  @Test
  default void findsNothingForAnUnknownId() {
    assertThat(rules().findById(storedUser(), AutoReplyRuleId.random())).isEmpty();
  }

  @Test
  default void listsInPriorityThenCreationThenIdOrder() {
    UserId owner = storedUser();
    AutoReplyRule late = stored(aRule(owner).priority(50).createdAt(TestTimes.at(1)).build());
    AutoReplyRule tieHigh = stored(aRule(owner).id(TestIds.withHighBit()).priority(10)
        .createdAt(TestTimes.at(5)).build());
    AutoReplyRule firstCreated = stored(aRule(owner).priority(10).createdAt(TestTimes.at(2)).build());
    AutoReplyRule tieLow = stored(aRule(owner).id(TestIds.withoutHighBit()).priority(10)
        .createdAt(TestTimes.at(5)).build());
    AutoReplyRule first = stored(aRule(owner).priority(0).createdAt(TestTimes.at(9)).build());
    stored(aRule(storedUser()).priority(0).build());

    assertThat(rules().listByUser(owner)).containsExactly(first, firstCreated, tieLow, tieHigh, late);
  }

  @Test
  default void storesTheNextVersion() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());
    AutoReplyRule revised = rule.revise("Holiday", 3, false, "{\"then\": []}", TestTimes.at(100));

    assertThat(rules().update(revised)).isTrue();

    assertThat(rules().findById(rule.userId(), rule.id())).contains(revised);
    assertThat(revised.version()).isEqualTo(2);
  }

  @Test
  default void refusesAStaleVersion() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());
    AutoReplyRule mine = rule.revise("Mine", 1, true, "{\"mine\": true}", TestTimes.at(100));
    AutoReplyRule theirs = rule.revise("Theirs", 2, true, "{\"theirs\": true}", TestTimes.at(101));

    assertThat(rules().update(mine)).isTrue();
    assertThat(rules().update(theirs)).isFalse();

    assertThat(rules().findById(rule.userId(), rule.id())).contains(mine);
  }

  @Test
  default void refusesASkippedVersion() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());
    AutoReplyRule third = rule.revise("Second", 1, true, "{}", TestTimes.at(100))
        .revise("Third", 1, true, "{}", TestTimes.at(101));

    assertThat(rules().update(third)).isFalse();

    assertThat(rules().findById(rule.userId(), rule.id())).contains(rule);
  }

  @Test
  default void refusesTheStoredVersionItself() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());
    AutoReplyRule sameVersion = new AutoReplyRule(rule.id(), rule.userId(), "Renamed", rule.priority(),
        rule.enabled(), rule.version(), rule.document(), rule.createdAt(), TestTimes.at(100));

    assertThat(rules().update(sameVersion)).isFalse();

    assertThat(rules().findById(rule.userId(), rule.id())).contains(rule);
  }

  @Test
  default void refusesAnUpdateOfAnUnknownRule() {
    AutoReplyRule ghost = aRule(storedUser()).build();

    assertThat(rules().update(ghost.revise("Ghost", 1, true, "{}", TestTimes.at(100)))).isFalse();

    assertThat(rules().findById(ghost.userId(), ghost.id())).isEmpty();
  }

  @Test
  default void refusesAnUpdateThatNamesAnotherOwner() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());
    UserId stranger = storedUser();
    AutoReplyRule hijacked = new AutoReplyRule(rule.id(), stranger, "Hijacked", 0, true, 2, "{}",
        rule.createdAt(), TestTimes.at(100));

    assertThat(rules().update(hijacked)).isFalse();

    assertThat(rules().findById(rule.userId(), rule.id())).contains(rule);
  }

  @Test
  default void deletesARuleOnce() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());
    AutoReplyRule kept = stored(aRule(rule.userId()).build());

    assertThat(rules().delete(rule.userId(), rule.id())).isTrue();
    assertThat(rules().delete(rule.userId(), rule.id())).isFalse();

    assertThat(rules().listByUser(rule.userId())).containsExactly(kept);
  }

  @Test
  default void deletingTheOwnerDeletesTheRules() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());
    AutoReplyRule other = stored(aRule(storedUser()).build());

    users().delete(rule.userId());

    assertThat(rules().findById(rule.userId(), rule.id())).isEmpty();
    assertThat(rules().listByUser(rule.userId())).isEmpty();
    assertThat(rules().findById(other.userId(), other.id())).contains(other);
  }

  @Test
  default void keepsEveryStoredVersionOldestFirst() {
    AutoReplyRule first = stored(aRule(storedUser()).build());
    AutoReplyRule second = first.revise("Second", 4, false, "{\"v\":  2}", TestTimes.at(100));
    AutoReplyRule third = second.revise("Third", 5, true, "{\"v\": 3}", TestTimes.at(200));
    assertThat(rules().update(second)).isTrue();
    assertThat(rules().update(third)).isTrue();

    assertThat(rules().versions(first.userId(), first.id())).containsExactly(first, second, third);
    assertThat(rules().findVersion(first.userId(), first.id(), 2)).contains(second);
    assertThat(rules().findVersion(first.userId(), first.id(), 4)).isEmpty();
  }

  @Test
  default void aRefusedUpdateAddsNoVersion() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());
    assertThat(rules().update(rule.revise("A", 1, true, "{}", TestTimes.at(100)))).isTrue();

    assertThat(rules().update(rule.revise("B", 1, true, "{}", TestTimes.at(101)))).isFalse();

    assertThat(rules().versions(rule.userId(), rule.id())).extracting(AutoReplyRule::name)
        .containsExactly(rule.name(), "A");
  }

  @Test
  default void versionsOutliveTheDeletedRule() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());

    rules().delete(rule.userId(), rule.id());

    assertThat(rules().versions(rule.userId(), rule.id())).containsExactly(rule);
    assertThat(rules().findVersion(rule.userId(), rule.id(), 1)).contains(rule);
  }

  @Test
  default void hidesVersionsFromOtherUsers() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());
    UserId stranger = storedUser();

    assertThat(rules().versions(stranger, rule.id())).isEmpty();
    assertThat(rules().findVersion(stranger, rule.id(), 1)).isEmpty();
    assertThat(rules().versions(rule.userId(), AutoReplyRuleId.random())).isEmpty();
  }

  @Test
  default void deletingTheOwnerDeletesTheVersions() {
    AutoReplyRule rule = stored(aRule(storedUser()).build());
    AutoReplyRule other = stored(aRule(storedUser()).build());

    users().delete(rule.userId());

    assertThat(rules().versions(rule.userId(), rule.id())).isEmpty();
    assertThat(rules().versions(other.userId(), other.id())).containsExactly(other);
  }
}
