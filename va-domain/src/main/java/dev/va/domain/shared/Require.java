package dev.va.domain.shared;

/** Invariant checks used by the constructors of the model; each failure names the field. */
public final class Require {
  private Require() {}

  public static <T> T nonNull(T value, String field) {
    if (value == null) throw new DomainValidationException(field, field + " is required");
    return value;
  }

  public static String notBlank(String value, String field) {
    if (value == null || value.isBlank()) throw new DomainValidationException(field, field + " must not be blank");
    return value;
  }

  public static String maxLength(String value, int max, String field) {
    if (value != null && value.length() > max) {
      throw new DomainValidationException(field, field + " must be at most " + max + " characters");
    }
    return value;
  }

  public static int range(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new DomainValidationException(field, field + " must be between " + min + " and " + max);
    }
    return value;
  }

  public static double range(double value, double min, double max, String field) {
    if (!(value >= min && value <= max)) {
      throw new DomainValidationException(field, field + " must be between " + min + " and " + max);
    }
    return value;
  }

  public static void that(boolean condition, String field, String message) {
    if (!condition) throw new DomainValidationException(field, message);
  }

}
