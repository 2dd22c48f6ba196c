package dev.va.domain.mail;

import dev.va.domain.shared.Require;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A triage category's name: one of the built-in ones, or the name of a user's own category ({@link UserCategory}).
 * Any well-formed name is a valid value (a message keeps the name it was given even after its owner deleted that
 * category); which names a given user may assign is decided by their {@link CategorySet}.
 */
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

  /** What each built-in category holds, in a few words (shown to users and to the language model). */
  private static final Map<String, String> MEANINGS = Map.of(
      "important", "time-sensitive or consequential",
      "needs_reply", "a person awaits an answer",
      "newsletter", "subscribed publication",
      "promotion", "marketing or offers",
      "notification", "automated service message",
      "personal", "from a person, nothing to act on",
      "spam", "unsolicited or fraudulent");

  public Category {
    Require.notBlank(name, "category");
    name = name.trim().toLowerCase(Locale.ROOT);
    Require.that(NAME.matcher(name).matches(), "category",
        "category must start with a letter and hold only a-z, 0-9 and '_' (at most 50)");
  }

  public boolean builtIn() {
    return MEANINGS.containsKey(name);
  }

  /** What a built-in category holds; empty for any other name. */
  public Optional<String> builtInMeaning() {
    return Optional.ofNullable(MEANINGS.get(name));
  }

  @Override
  public String toString() {
    return name;
  }
}
