package dev.va.adapter.web.replies;

import dev.va.domain.shared.DomainValidationException;
import java.util.Arrays;
import java.util.Locale;

/** The {@code status} filter of a list, in any case; absent or blank lists every status. */
final class Statuses {
  private Statuses() {}

  static <E extends Enum<E>> E parse(String text, Class<E> type) {
    if (text == null || text.isBlank()) return null;
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new DomainValidationException("status", "status must be one of " + Arrays.stream(type.getEnumConstants())
          .map(OutboxView::lower).toList());
    }
  }
}
