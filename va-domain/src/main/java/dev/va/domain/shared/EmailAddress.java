package dev.va.domain.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** A syntactically plausible mailbox address, kept in lower case so lookups and comparisons are exact. */
public record EmailAddress(String value) {
  // Deliberately simple: full RFC 5322 parsing belongs to the mail adapter, this only rejects obvious junk.
  private static final Pattern SHAPE = Pattern.compile("^[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\".]{2,}$");

  public EmailAddress {
    Require.notBlank(value, "email");
    value = value.trim().toLowerCase(Locale.ROOT);
    Require.maxLength(value, 254, "email");
    Require.that(SHAPE.matcher(value).matches(), "email", "email is not a valid address");
  }

  public static EmailAddress of(String value) {
    return new EmailAddress(value);
  }

  public String localPart() {
    return value.substring(0, value.indexOf('@'));
  }

  public String domain() {
    return value.substring(value.indexOf('@') + 1);
  }

  @Override
  public String toString() {
    return value;
  }
}
