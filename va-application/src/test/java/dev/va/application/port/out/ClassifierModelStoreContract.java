package dev.va.application.port.out;

import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fixture.TestTimes;
import dev.va.application.port.out.ClassifierModelStore.StoredModel;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link ClassifierModelStore} shares. Times are kept to the microsecond. */
public interface ClassifierModelStoreContract {
  ClassifierModelStore models();

  /** Where owners are stored first, so stores with foreign keys accept their models. */
  UserRepository users();

  private User storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user;
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  default void aUserWithoutAModelHasNone() {
    UserId user = storedUser().id();

    assertThat(models().load(user)).isEmpty();
    assertThat(models().updatedAt(user)).isEmpty();
  }

  @Test
  default void keepsTheExactBytesAndTime() {
    UserId user = storedUser().id();
    StoredModel model = new StoredModel(bytes(300_000, 1), TestTimes.at(60));

    models().save(user, model);

    assertThat(models().load(user)).contains(model);
    assertThat(models().updatedAt(user)).contains(TestTimes.at(60));
  }

  @Test
  default void aSaveReplacesTheUsersModelOnly() {
    UserId user = storedUser().id();
    UserId other = storedUser().id();
    StoredModel others = new StoredModel(bytes(10, 2), TestTimes.at(10));
    models().save(other, others);
    models().save(user, new StoredModel(bytes(20, 3), TestTimes.at(20)));
    StoredModel newer = new StoredModel(bytes(30, 4), TestTimes.at(30));

    models().save(user, newer);

    assertThat(models().load(user)).contains(newer);
    assertThat(models().load(other)).contains(others);
  }

  @Test
  default void deletingTheUserDeletesTheModel() {
    UserId user = storedUser().id();
    UserId kept = storedUser().id();
    models().save(user, new StoredModel(bytes(10, 5), TestTimes.at(10)));
    models().save(kept, new StoredModel(bytes(10, 6), TestTimes.at(10)));

    users().delete(user);

    assertThat(models().load(user)).isEmpty();
    assertThat(models().updatedAt(user)).isEmpty();
    assertThat(models().load(kept)).isPresent();
  }
}
