package dev.va.domain.mail;

import dev.va.domain.shared.Require;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A triage category: one of the built-in ones, or a user-defined name. */
public record Category(String name) {
  private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,49}$");

  public static final Category IMPORTANT = new Category("important");
  public static final Category NEEDS_REPLY = new Category("needs_reply");
  public static final Category NEWSLETTER = new Category("newsletter");
  public static final Category PROMOTION = new Category("promotion");
  public static final Category NOTIFICATION = new Category("notification");
  public static final Category PERSONAL = new Category("personal");
  public static final Category SPAM = new Category("spam");

  public static final List<Category> BUILT_IN =
      List.of(IMPORTANT, NEEDS_REPLY, NEWSLETTER, PROMOTION, NOTIFICATION, PERSONAL, SPAM);

  public Category {
    Require.notBlank(name, "category");
    name = name.trim().toLowerCase(Locale.ROOT);
    Require.that(NAME.matcher(name).matches(), "category",
        "category must start with a letter and hold only a-z, 0-9 and '_' (at most 50)");
  }

  public boolean builtIn() {
    return BUILT_IN.contains(this);
  }

  @Override
  public String toString() {
    return name;
  }
}
