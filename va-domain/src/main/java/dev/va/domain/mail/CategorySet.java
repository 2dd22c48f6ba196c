package dev.va.domain.mail;

import dev.va.domain.shared.Require;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The categories one user's mail may be given: every built-in category, then the user's own in the order given.
 * Corrections, the local classifier and the language model choose only from it.
 */
public record CategorySet(List<UserCategory> own) {
  /** The built-in categories alone: for a user with none of their own, or where no user is involved. */
  public static final CategorySet BUILT_IN = new CategorySet(List.of());

  public CategorySet {
    own = List.copyOf(own);
    Set<Category> seen = new HashSet<>();
    for (UserCategory category : own) {
      Require.that(seen.add(category.name()), "categories", "category " + category.name() + " is listed twice");
    }
  }

  /** Built-in names first, then the user's own. */
  public List<Category> names() {
    List<Category> names = new ArrayList<>(Category.BUILT_IN);
    own.forEach(c -> names.add(c.name()));
    return List.copyOf(names);
  }

  public boolean allows(Category category) {
    return category != null && (category.builtIn() || find(category).isPresent());
  }

  /** The user's own category of that name. */
  public Optional<UserCategory> find(Category name) {
    return own.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
