package dev.va.adapter.persistence;

import dev.va.application.port.out.DuplicateException;
import java.util.Map;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns PostgreSQL unique violations (SQLState 23505) into the port's {@link DuplicateException}. */
final class Duplicates {
  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * Field of the domain that each unique constraint protects; other primary keys ({@code *_pkey}) protect the id.
   */
  private static final Map<String, String> FIELDS = Map.of(
      "users_email_key", "email",
      "users_username_lower_key", "username",
      "email_accounts_user_address_key", "address",
      "email_messages_account_provider_key", "provider_message_id",
      "refresh_tokens_token_hash_key", "token_hash",
      "user_categories_pkey", "name");

  private Duplicates() {}

  /** The matching {@link DuplicateException}, or {@code failure} itself when it is no unique violation. */
  static RuntimeException translate(RuntimeException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PSQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        String constraint = constraintOf(sql);
        String field = FIELDS.getOrDefault(constraint, constraint.endsWith("_pkey") ? "id" : constraint);
        return new DuplicateException(field, field + " is already taken");
      }
    }
    return failure;
  }

  private static String constraintOf(PSQLException e) {
    ServerErrorMessage message = e.getServerErrorMessage();
    return message == null || message.getConstraint() == null ? "unknown" : message.getConstraint();
  }
}
