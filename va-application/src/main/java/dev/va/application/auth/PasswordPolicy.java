package dev.va.application.auth;

import dev.va.domain.shared.DomainValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Minimum password rules: at least 10 characters, at most 1024, and not one of the most common passwords. */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 1024;

  /** Constant data, loaded once on first use. */
  private static final class Common {
    static final Set<String> WORDS = load();
  }

  private PasswordPolicy() {}

  /** @throws DomainValidationException naming {@code field} */
  public static void check(String password, String field) {
    if (password == null || password.isEmpty()) {
      throw new DomainValidationException(field, field + " is required");
    }
    if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
      throw new DomainValidationException(field, field + " must be at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      throw new DomainValidationException(field, field + " must be at most " + MAX_LENGTH + " characters");
    }
    if (Common.WORDS.contains(password.toLowerCase(Locale.ROOT))) {
      throw new DomainValidationException(field, field + " is too common; choose another");
    }
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>();
    try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
      if (in == null) throw new IllegalStateException("common-passwords.txt missing from the classpath");
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) words.add(line.trim().toLowerCase(Locale.ROOT));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
