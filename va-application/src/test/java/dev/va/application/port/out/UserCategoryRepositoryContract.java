package dev.va.application.port.out;

import static dev.va.application.fixture.UserBuilder.aUser;
import static dev.va.application.fixture.UserCategoryBuilder.aCategory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fixture.TestTimes;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link UserCategoryRepository} shares. */
public interface UserCategoryRepositoryContract {
  int LIMIT = 50;

  UserCategoryRepository categories();

  /** Where owners are stored first, so stores with foreign keys accept the categories. */
  UserRepository users();

  private UserId storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user.id();
  }

  private UserCategory stored(UserCategory category) {
    assertThat(categories().insert(category, LIMIT)).isTrue();
    return category;
  }

  @Test
  default void storesEveryField() {
    UserCategory category = stored(aCategory(storedUser()).name("invoices")
        .description("Bills, receipts and payment reminders.\nNot: bank statements. Ünïcödé 東京 😀").build());

    assertThat(categories().find(category.userId(), new Category("invoices"))).contains(category);
  }

  @Test
  default void namesAreUniquePerOwnerOnly() {
    UserId owner = storedUser();
    UserId other = storedUser();
    stored(aCategory(owner).name("invoices").build());

    assertThatThrownBy(() -> categories().insert(aCategory(owner).name("invoices").description("again").build(),
        LIMIT)).isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("name"));
    UserCategory theirs = stored(aCategory(other).name("invoices").build());

    assertThat(categories().listByUser(owner)).extracting(UserCategory::description)
        .doesNotContain("again").hasSize(1);
    assertThat(categories().find(other, new Category("invoices"))).contains(theirs);
  }

  @Test
  default void hidesACategoryFromOtherUsers() {
    UserCategory category = stored(aCategory(storedUser()).build());
    UserId stranger = storedUser();

    assertThat(categories().find(stranger, category.name())).isEmpty();
    assertThat(categories().listByUser(stranger)).isEmpty();
    assertThat(categories().delete(stranger, category.name())).isFalse();
    assertThat(categories().update(new UserCategory(stranger, category.name(), "mine now", category.createdAt(),
        TestTimes.at(50)))).isFalse();
    assertThat(categories().find(category.userId(), category.name())).contains(category);
  }

  @Test
  default void listsOldestFirstThenByName() {
    UserId owner = storedUser();
    UserCategory late = stored(aCategory(owner).name("late").createdAt(TestTimes.at(9)).build());
    UserCategory tieB = stored(aCategory(owner).name("tie_b").createdAt(TestTimes.at(5)).build());
    UserCategory first = stored(aCategory(owner).name("first").createdAt(TestTimes.at(1)).build());
    UserCategory tieA = stored(aCategory(owner).name("tie_a").createdAt(TestTimes.at(5)).build());

    assertThat(categories().listByUser(owner)).containsExactly(first, tieA, tieB, late);
  }

  @Test
  default void updatesTheDescription() {
    UserCategory category = stored(aCategory(storedUser()).build());
    UserCategory described = category.describe("Only release announcements.", TestTimes.at(100));

    assertThat(categories().update(described)).isTrue();

    assertThat(categories().find(category.userId(), category.name())).contains(described);
    assertThat(categories().update(aCategory(category.userId()).build())).isFalse();
  }

  @Test
  default void deletesOnce() {
    UserCategory category = stored(aCategory(storedUser()).build());

    assertThat(categories().delete(category.userId(), category.name())).isTrue();
    assertThat(categories().delete(category.userId(), category.name())).isFalse();
    assertThat(categories().find(category.userId(), category.name())).isEmpty();
    assertThat(categories().listByUser(category.userId())).isEmpty();
    // the name is free again
    stored(aCategory(category.userId()).name(category.name().name()).build());
  }

  @Test
  default void refusesAnInsertAtTheLimit() {
    UserId owner = storedUser();
    for (int i = 0; i < 3; i++) assertThat(categories().insert(aCategory(owner).build(), 3)).isTrue();

    assertThat(categories().insert(aCategory(owner).build(), 3)).isFalse();

    assertThat(categories().listByUser(owner)).hasSize(3);
    // another user's count is their own
    assertThat(categories().insert(aCategory(storedUser()).build(), 3)).isTrue();
  }

  @Test
  default void concurrentInsertsStayWithinTheLimit() throws Exception {
    UserId owner = storedUser();
    int limit = 5;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> inserts = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        UserCategory category = aCategory(owner).build();
        Callable<Boolean> insert = () -> {
          go.await();
          return categories().insert(category, limit);
        };
        inserts.add(pool.submit(insert));
      }
      go.countDown();
      int stored = 0;
      for (Future<Boolean> insert : inserts) if (insert.get()) stored++;

      assertThat(stored).isEqualTo(limit);
      assertThat(categories().listByUser(owner)).hasSize(limit);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void deletingTheOwnerDeletesTheCategories() {
    UserCategory category = stored(aCategory(storedUser()).build());
    UserCategory other = stored(aCategory(storedUser()).build());

    users().delete(category.userId());

    assertThat(categories().listByUser(category.userId())).isEmpty();
    assertThat(categories().listByUser(other.userId())).containsExactly(other);
  }
}
