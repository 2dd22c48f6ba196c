package dev.va.adapter.web.mail;

import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.UserId;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The query parameters of the message lists, read strictly: a value that cannot be used is a 400 naming its
 * parameter, never silently ignored. Empty values count as absent.
 */
final class MessageFilters {
  static final int DEFAULT_LIMIT = 50;

  private MessageFilters() {}

  /** {@code withProcessed}: whether the {@code processed} parameter applies (the processed list fixes it). */
  static MessageQuery read(Context ctx, UserId owner, boolean withProcessed) {
    String account = param(ctx, "account_id");
    String category = param(ctx, "category");
    Instant from = time(ctx, "from", false);
    Instant to = time(ctx, "to", true);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new DomainValidationException("to", "to must be after from");
    }
    int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(DEFAULT_LIMIT);
    return new MessageQuery(owner,
        account == null ? null : EmailAccountId.parse(account, "account_id"),
        category == null ? null : new Category(category),
        bool(ctx, "flagged"),
        withProcessed ? bool(ctx, "processed") : null,
        from, to, param(ctx, "q"), new PageRequest(limit, param(ctx, "cursor")));
  }

  private static String param(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Boolean bool(Context ctx, String name) {
    String value = param(ctx, name);
    if (value == null) return null;
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new DomainValidationException(name, name + " must be true or false");
    };
  }

  /**
   * An ISO-8601 time with offset ({@code 2025-06-01T08:00:00Z}) or a date ({@code 2025-06-01}, a UTC day). As the
   * end of a range a date includes its whole day.
   */
  private static Instant time(Context ctx, String name, boolean end) {
    String value = param(ctx, name);
    if (value == null) return null;
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notATime) {
      try {
        LocalDate day = LocalDate.parse(value);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        throw new DomainValidationException(name,
            name + " must be a date (2025-06-01) or a time with offset (2025-06-01T08:00:00Z)");
      }
    }
  }
}
