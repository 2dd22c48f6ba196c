package dev.va.adapter.web.identity;

import dev.va.application.auth.AuthenticationException;
import dev.va.domain.user.UserId;
import io.javalin.http.Context;
import java.util.Optional;

/** The caller of an authenticated route: every handler acting for a user takes the user from here. */
public final class Auth {
  private static final String ATTRIBUTE = Auth.class.getName() + ".user";

  private Auth() {}

  /**
   * The user named by the request's bearer token. Fails closed with a 401 when the request was not authenticated,
   * e.g. on a route left public or a wiring without {@link BearerAuthentication}.
   */
  public static UserId user(Context ctx) {
    UserId user = ctx.attribute(ATTRIBUTE);
    if (user == null) throw new AuthenticationException("authentication required");
    return user;
  }

  /**
   * The user named by a valid bearer token, if one came with the request: on a public route, where a token is
   * optional, empty without one.
   */
  public static Optional<UserId> caller(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
  }

  static void authenticated(Context ctx, UserId user) {
    ctx.attribute(ATTRIBUTE, user);
  }
}
