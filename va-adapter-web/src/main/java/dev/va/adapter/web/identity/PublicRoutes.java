package dev.va.adapter.web.identity;

import io.javalin.http.HandlerType;
import java.util.Set;

/**
 * The API routes anyone may call, without a bearer token: the only list of them. Every other route under
 * {@link dev.va.adapter.web.ApiRoutes#BASE_PATH} needs a valid token. Entries are route templates as registered
 * (e.g. {@code /api/v1/oauth/{provider}/callback}), not request paths.
 */
public final class PublicRoutes {
  /** A method and a route template. */
  public record Route(HandlerType method, String path) {}

  public static final Set<Route> ALL = Set.of(
      new Route(HandlerType.POST, IdentityRoutes.REGISTER),
      new Route(HandlerType.POST, IdentityRoutes.LOGIN),
      new Route(HandlerType.POST, IdentityRoutes.REFRESH));

  private PublicRoutes() {}

  public static boolean contains(HandlerType method, String routeTemplate) {
    return ALL.contains(new Route(method, routeTemplate));
  }
}
