package dev.va.adapter.web.identity;

import dev.va.adapter.web.mail.MailOAuthRoutes;
import io.javalin.http.HandlerType;
import java.util.Set;

/**
 * The API routes anyone may call, without a bearer token: the only list of them. Every other route under
 * {@link dev.va.adapter.web.ApiRoutes#BASE_PATH} needs a valid token. Entries are route templates as registered
 * (e.g. {@code /api/v1/oauth/{provider}/callback}), not request paths. The OAuth callbacks are here because the
 * browser comes back from the provider without the bearer token: the signed single-use state they carry names the
 * user instead.
 */
public final class PublicRoutes {
  /** A method and a route template. */
  public record Route(HandlerType method, String path) {}

  public static final Set<Route> ALL = Set.of(
      new Route(HandlerType.POST, IdentityRoutes.REGISTER),
      new Route(HandlerType.POST, IdentityRoutes.LOGIN),
      new Route(HandlerType.POST, IdentityRoutes.REFRESH),
      new Route(HandlerType.GET, MailOAuthRoutes.GMAIL_CALLBACK),
      new Route(HandlerType.GET, MailOAuthRoutes.MICROSOFT_CALLBACK));

  private PublicRoutes() {}

  public static boolean contains(HandlerType method, String routeTemplate) {
    return ALL.contains(new Route(method, routeTemplate));
  }
}
