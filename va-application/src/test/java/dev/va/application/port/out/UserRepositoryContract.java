package dev.va.application.port.out;

import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fixture.TestTimes;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link UserRepository} shares. What a user owns going with the user is checked by each owner. */
public interface UserRepositoryContract {
  UserRepository users();

  @Test
  default void storesAndFindsEveryField() {
    User user = aUser().build();
    users().insert(user);

    assertThat(users().findById(user.id())).contains(user);
    assertThat(users().findByEmail(user.email())).contains(user);
    assertThat(users().findByUsername(user.username())).contains(user);
  }

  @Test
  default void findsNothingForUnknownKeys() {
    assertThat(users().findById(UserId.random())).isEmpty();
    assertThat(users().findByEmail(EmailAddress.of("nobody-" + UserId.random() + "@example.org"))).isEmpty();
    assertThat(users().findByUsername("nobody_" + UserId.random().value().toString().substring(0, 8))).isEmpty();
  }

  @Test
  default void findsUsernameWhateverItsCase() {
    User user = aUser().build();
    users().insert(user);

    assertThat(users().findByUsername(user.username().toUpperCase())).contains(user);
    assertThat(users().findByUsername(user.username().toLowerCase())).contains(user);
  }

  @Test
  default void rejectsATakenEmail() {
    User first = aUser().build();
    users().insert(first);

    assertThatThrownBy(() -> users().insert(aUser().email(first.email().value()).build()))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("email"));
  }

  @Test
  default void rejectsATakenUsernameWhateverItsCase() {
    User first = aUser().build();
    users().insert(first);

    assertThatThrownBy(() -> users().insert(aUser().username(first.username().toUpperCase()).build()))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("username"));
  }

  @Test
  default void keepsTheFirstUserWhenTheSecondIsRejected() {
    User first = aUser().build();
    users().insert(first);
    User second = aUser().email(first.email().value()).build();

    assertThatThrownBy(() -> users().insert(second)).isInstanceOf(DuplicateException.class);

    assertThat(users().findById(first.id())).contains(first);
    assertThat(users().findById(second.id())).isEmpty();
  }

  @Test
  default void updatesEmailAndPassword() {
    User user = aUser().build();
    users().insert(user);
    User changed = user.withEmail(EmailAddress.of("new-" + user.email().value()), TestTimes.at(300))
        .withPasswordHash("$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3aGFzaA", TestTimes.at(301));

    users().update(changed);

    assertThat(users().findById(user.id())).contains(changed);
    assertThat(users().findByEmail(changed.email())).contains(changed);
    assertThat(users().findByEmail(user.email())).isEmpty();
  }

  @Test
  default void rejectsAnUpdateToAnotherUsersEmail() {
    User taken = aUser().build();
    User user = aUser().build();
    users().insert(taken);
    users().insert(user);

    assertThatThrownBy(() -> users().update(user.withEmail(taken.email(), TestTimes.at(300))))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("email"));
    assertThat(users().findById(user.id())).contains(user);
  }

  @Test
  default void updateOfAnUnknownUserStoresNothing() {
    User ghost = aUser().build();

    users().update(ghost);

    assertThat(users().findById(ghost.id())).isEmpty();
  }

  @Test
  default void deletesAUserOnce() {
    User user = aUser().build();
    User other = aUser().build();
    users().insert(user);
    users().insert(other);

    assertThat(users().delete(user.id())).isTrue();
    assertThat(users().delete(user.id())).isFalse();

    assertThat(users().findById(user.id())).isEmpty();
    assertThat(users().findByEmail(user.email())).isEmpty();
    assertThat(users().findById(other.id())).contains(other);
  }

  @Test
  default void freesEmailAndUsernameOnDelete() {
    User user = aUser().build();
    users().insert(user);
    users().delete(user.id());

    User again = aUser().email(user.email().value()).username(user.username()).build();
    users().insert(again);

    assertThat(users().findByUsername(user.username())).contains(again);
  }
}
