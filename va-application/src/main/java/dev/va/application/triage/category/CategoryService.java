package dev.va.application.triage.category;

import dev.va.application.ConflictException;
import dev.va.application.NotFoundException;
import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.port.in.CategoryUseCases.CategoryEntry;
import dev.va.application.port.in.CategoryUseCases.CreateCategory;
import dev.va.application.port.in.CategoryUseCases.CreateCategoryCommand;
import dev.va.application.port.in.CategoryUseCases.DeleteCategory;
import dev.va.application.port.in.CategoryUseCases.DescribeCategory;
import dev.va.application.port.in.CategoryUseCases.DescribeCategoryCommand;
import dev.va.application.port.in.CategoryUseCases.GetCategory;
import dev.va.application.port.in.CategoryUseCases.ListCategories;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.triage.model.ClassifierModels;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Users' own categories; deleting one makes the user's classifier model forget it (see {@code CategoryUseCases}). */
public final class CategoryService implements CreateCategory, ListCategories, GetCategory, DescribeCategory,
    DeleteCategory {
  private final UserCategoryRepository categories;
  private final ClassifierModels models;
  private final AuditTrail audit;
  private final Clock clock;

  public CategoryService(UserCategoryRepository categories, ClassifierModels models, AuditTrail audit, Clock clock) {
    this.categories = categories;
    this.models = models;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public UserCategory create(CreateCategoryCommand command) {
    UserCategory category = UserCategory.create(command.user(), command.name(), command.description(), now());
    if (!categories.insert(category, UserCategory.MAX_PER_USER)) {
      throw new ConflictException("category_limit", "you have " + UserCategory.MAX_PER_USER
          + " categories of your own, the most there may be; delete one first");
    }
    audit.record(command.user(), "category.created", "category", category.name().name(), command.meta());
    return category;
  }

  @Override
  public List<CategoryEntry> list(UserId user) {
    List<CategoryEntry> entries = new ArrayList<>();
    Category.BUILT_IN.forEach(c -> entries.add(CategoryEntry.builtIn(c)));
    categories.listByUser(user).forEach(c -> entries.add(CategoryEntry.of(c)));
    return entries;
  }

  @Override
  public CategoryEntry get(UserId user, String name) {
    Category category = parse(name);
    if (category.builtIn()) return CategoryEntry.builtIn(category);
    return CategoryEntry.of(own(user, category));
  }

  @Override
  public UserCategory describe(DescribeCategoryCommand command) {
    UserCategory current = own(command.user(), changeable(command.name()));
    UserCategory next = current.describe(command.description(), now());
    if (!categories.update(next)) throw new NotFoundException("category");
    audit.record(command.user(), "category.changed", "category", next.name().name(), command.meta());
    return next;
  }

  @Override
  public void delete(UserId user, String name, RequestMeta meta) {
    Category category = changeable(name);
    if (!categories.delete(user, category)) throw new NotFoundException("category");
    models.forget(user, category);
    audit.record(user, "category.deleted", "category", category.name(), meta);
  }

  /** The store keeps microseconds: an answer shows the times a later read gives. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private UserCategory own(UserId user, Category category) {
    return categories.find(user, category).orElseThrow(() -> new NotFoundException("category"));
  }

  private static Category changeable(String name) {
    Category category = parse(name);
    if (category.builtIn()) {
      throw new ConflictException("built_in_category", "\"" + category.name()
          + "\" is a built-in category: it cannot be changed or deleted");
    }
    return category;
  }

  private static Category parse(String name) {
    Require.notBlank(name, "category");
    return new Category(name);
  }
}
