package dev.va.adapter.web.identity;

import dev.va.domain.user.User;
import io.javalin.openapi.OpenApiName;
import java.time.Instant;

/** A user as the API shows it: never the password hash. */
public record UserView(String id, String email, String username, @OpenApiName("created_at") Instant createdAt) {
  public static UserView of(User user) {
    return new UserView(user.id().toString(), user.email().value(), user.username(), user.createdAt());
  }
}
