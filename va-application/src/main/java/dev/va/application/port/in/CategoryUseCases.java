package dev.va.application.port.in;

import dev.va.application.RequestMeta;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.List;

/**
 * The categories a user's mail is sorted into: the built-in ones, which nobody can change, and the user's own (a
 * name and a description), at most {@link UserCategory#MAX_PER_USER}. A namespace: each nested interface is one use
 * case. Categories are addressed by name; another user's category is not found.
 *
 * <p>Deleting a category leaves the messages that have it as they are (a message keeps the category triage or its
 * owner gave it, and can still be listed by it or corrected) and leaves rules that name it as they are (their
 * condition on it no longer holds for new mail); the user's classifier model forgets it, and neither it nor the
 * language model names it again.
 */
public interface CategoryUseCases {
  /** A category as its user sees it: a built-in one has its fixed meaning as description and no times. */
  record CategoryEntry(Category name, String description, boolean builtIn, Instant createdAt, Instant updatedAt) {
    public CategoryEntry {
      Require.nonNull(name, "name");
    }

    public static CategoryEntry of(UserCategory category) {
      return new CategoryEntry(category.name(), category.description(), false, category.createdAt(),
          category.updatedAt());
    }

    public static CategoryEntry builtIn(Category category) {
      return new CategoryEntry(category, category.builtInMeaning().orElseThrow(), true, null, null);
    }
  }

  record CreateCategoryCommand(UserId user, String name, String description, RequestMeta meta) {
    public CreateCategoryCommand {
      Require.nonNull(user, "user");
    }
  }

  /** A new description for the user's category {@code name}; names never change. */
  record DescribeCategoryCommand(UserId user, String name, String description, RequestMeta meta) {
    public DescribeCategoryCommand {
      Require.nonNull(user, "user");
    }
  }

  /**
   * @throws dev.va.domain.shared.DomainValidationException naming {@code name} (malformed, built-in) or
   *     {@code description}
   * @throws dev.va.application.port.out.DuplicateException when the user has a category of that name
   * @throws dev.va.application.ConflictException ({@code category_limit}) when the user has the most there may be
   */
  interface CreateCategory {
    UserCategory create(CreateCategoryCommand command);
  }

  /** The built-in categories, then the user's own, oldest first. */
  interface ListCategories {
    List<CategoryEntry> list(UserId user);
  }

  /** A built-in category, or one of the user's. */
  interface GetCategory {
    CategoryEntry get(UserId user, String name);
  }

  /** @throws dev.va.application.ConflictException ({@code built_in_category}) for a built-in name */
  interface DescribeCategory {
    UserCategory describe(DescribeCategoryCommand command);
  }

  /** @throws dev.va.application.ConflictException ({@code built_in_category}) for a built-in name */
  interface DeleteCategory {
    void delete(UserId user, String name, RequestMeta meta);
  }
}
