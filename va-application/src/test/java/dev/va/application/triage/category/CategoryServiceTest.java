package dev.va.application.triage.category;

import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.ConflictException;
import dev.va.application.NotFoundException;
import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.in.CategoryUseCases.CategoryEntry;
import dev.va.application.port.in.CategoryUseCases.CreateCategoryCommand;
import dev.va.application.port.in.CategoryUseCases.DescribeCategoryCommand;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.PageRequest;
import dev.va.application.triage.TestMessages;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.model.ClassifierModels;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CategoryServiceTest {
  private static final RequestMeta META = new RequestMeta("req-1", "203.0.113.9");

  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-04T10:16:00Z"));
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final ClassifierModels models = new ClassifierModels(TriageModel.untrained(), repositories.models(), clock);
  private final CategoryService categories = new CategoryService(repositories.categories(), models,
      new AuditTrail(repositories.audit(), clock), clock);
  private UserId alice;
  private UserId bob;

  @BeforeEach
  void setUp() {
    User a = aUser().build();
    User b = aUser().build();
    repositories.users().insert(a);
    repositories.users().insert(b);
    alice = a.id();
    bob = b.id();
  }

  private UserCategory create(UserId user, String name, String description) {
    return categories.create(new CreateCategoryCommand(user, name, description, META));
  }

  private static String fieldOf(Runnable call) {
    try {
      call.run();
    } catch (DomainValidationException e) {
      return e.field();
    }
    throw new AssertionError("no validation error");
  }

  @Test
  void creates_a_category_with_a_normalised_name_and_records_it() {
    UserCategory created = create(alice, "  Invoices ", "  Bills from suppliers.\n\tNot bank statements.  ");

    assertThat(created).isEqualTo(new UserCategory(alice, new Category("invoices"),
        "Bills from suppliers.\n\tNot bank statements.", clock.instant(), clock.instant()));
    assertThat(repositories.categories().listByUser(alice)).containsExactly(created);
    AuditEvent event = repositories.audit().listByActor(alice, PageRequest.first(5))
        .items().get(0);
    assertThat(event.action()).isEqualTo("category.created");
    assertThat(event.targetType()).isEqualTo("category");
    assertThat(event.targetId()).isEqualTo("invoices");
    assertThat(event.requestId()).isEqualTo("req-1");
  }

  @Test
  void refuses_bad_names_and_descriptions_naming_the_field() {
    assertThat(fieldOf(() -> create(alice, null, "x"))).isEqualTo("name");
    assertThat(fieldOf(() -> create(alice, " ", "x"))).isEqualTo("name");
    assertThat(fieldOf(() -> create(alice, "9lives", "x"))).isEqualTo("name");
    assertThat(fieldOf(() -> create(alice, "has space", "x"))).isEqualTo("name");
    assertThat(fieldOf(() -> create(alice, "x".repeat(51), "x"))).isEqualTo("name");
    assertThat(fieldOf(() -> create(alice, "Spam", "my own spam"))).isEqualTo("name");
    assertThat(fieldOf(() -> create(alice, "needs_reply", "x"))).isEqualTo("name");
    assertThat(fieldOf(() -> create(alice, "ok", null))).isEqualTo("description");
    assertThat(fieldOf(() -> create(alice, "ok", "  \n "))).isEqualTo("description");
    assertThat(fieldOf(() -> create(alice, "ok", "x".repeat(UserCategory.MAX_DESCRIPTION + 1))))
        .isEqualTo("description");
    assertThat(fieldOf(() -> create(alice, "ok", "bell\u0007"))).isEqualTo("description");
    assertThat(fieldOf(() -> create(alice, "ok", "flip \u202e txet"))).isEqualTo("description");

    assertThat(create(alice, "ok", "x".repeat(UserCategory.MAX_DESCRIPTION)).description()).hasSize(500);
    assertThat(repositories.categories().listByUser(alice)).hasSize(1);
  }

  @Test
  void names_are_unique_per_user_and_limited_in_number() {
    create(alice, "invoices", "bills");
    assertThatThrownBy(() -> create(alice, "INVOICES", "again"))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("name"));
    create(bob, "invoices", "bob's bills");

    for (int i = 1; i < UserCategory.MAX_PER_USER; i++) create(alice, "c" + i, "number " + i);
    assertThatThrownBy(() -> create(alice, "one_more", "too many"))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("category_limit"));
    assertThat(repositories.categories().listByUser(alice)).hasSize(UserCategory.MAX_PER_USER);
    categories.delete(alice, "c1", META);
    create(alice, "one_more", "room again");
  }

  @Test
  void lists_the_built_in_categories_then_the_users_own() {
    clock.advance(Duration.ofSeconds(1));
    UserCategory travel = create(alice, "travel", "tickets");
    create(bob, "hobbies", "bob's");

    assertThat(categories.list(alice)).extracting(CategoryEntry::name).containsExactly(Category.IMPORTANT,
        Category.NEEDS_REPLY, Category.NEWSLETTER, Category.PROMOTION, Category.NOTIFICATION, Category.PERSONAL,
        Category.SPAM, new Category("travel"));
    assertThat(categories.list(alice).get(6)).isEqualTo(new CategoryEntry(Category.SPAM,
        "unsolicited or fraudulent", true, null, null));
    assertThat(categories.list(alice).get(7)).isEqualTo(CategoryEntry.of(travel));
  }

  @Test
  void gets_a_built_in_category_or_one_of_the_users_and_hides_the_others() {
    create(alice, "travel", "tickets");

    assertThat(categories.get(alice, "Travel").description()).isEqualTo("tickets");
    assertThat(categories.get(bob, "newsletter").builtIn()).isTrue();
    assertThatThrownBy(() -> categories.get(bob, "travel")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> categories.get(alice, "nothing")).isInstanceOf(NotFoundException.class);
    assertThat(fieldOf(() -> categories.get(alice, "not a name!"))).isEqualTo("category");
  }

  @Test
  void changes_the_description_of_the_users_own_category_only() {
    UserCategory travel = create(alice, "travel", "tickets");
    clock.advance(Duration.ofMinutes(5));

    UserCategory changed = categories.describe(new DescribeCategoryCommand(alice, "travel", "tickets and hotels",
        META));

    assertThat(changed).isEqualTo(new UserCategory(alice, travel.name(), "tickets and hotels", travel.createdAt(),
        clock.instant()));
    assertThat(repositories.categories().find(alice, travel.name())).contains(changed);
    assertThatThrownBy(() -> categories.describe(new DescribeCategoryCommand(bob, "travel", "mine", META)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> categories.describe(new DescribeCategoryCommand(alice, "spam", "mine", META)))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("built_in_category"));
    assertThat(fieldOf(() -> categories.describe(new DescribeCategoryCommand(alice, "travel", "", META))))
        .isEqualTo("description");
    assertThat(repositories.categories().find(alice, travel.name())).contains(changed);
    assertThat(repositories.audit().listByActor(alice, PageRequest.first(5)).items())
        .extracting(AuditEvent::action).containsExactly("category.changed", "category.created");
  }

  @Test
  void deleting_removes_the_category_and_the_models_label_of_that_user_only() {
    create(alice, "travel", "tickets");
    create(bob, "travel", "bob's tickets");
    var trip = TestMessages.parse("From: Air <booking@air.example>\nSubject: Your ticket\n\nFlight AB123 booked.");
    models.learn(alice, trip, new Category("travel"), Optional.empty());
    models.learn(bob, trip, new Category("travel"), Optional.empty());
    clock.advance(Duration.ofSeconds(1));

    categories.delete(alice, "travel", META);

    assertThat(repositories.categories().listByUser(alice)).isEmpty();
    assertThat(models.forUser(alice).categories().labels()).doesNotContain("travel");
    assertThat(models.forUser(bob).categories().labels()).contains("travel");
    assertThat(repositories.categories().listByUser(bob)).hasSize(1);
    assertThatThrownBy(() -> categories.delete(alice, "travel", META)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> categories.delete(alice, "personal", META))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("built_in_category"));
    assertThat(repositories.audit().listByActor(alice, PageRequest.first(5)).items())
        .extracting(AuditEvent::action).startsWith("category.deleted");
  }
}
