package dev.va.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.adapter.web.IsolationWalk.Report;
import dev.va.adapter.web.identity.PublicRoutes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No user reaches another's data through any route the server registers, present or future: a route with a path
 * parameter that {@link IsolationWalk#FIXTURES} cannot fill fails the walk. Public routes are walked too: they are
 * served without a token, and neither fail nor show the owner's data.
 */
public abstract class IsolationWalkSuite extends ApiSuite {

  @Test
  void every_api_route_refuses_anonymous_callers_and_hides_other_users_data() {
    Report report = IsolationWalk.run(api);

    assertThat(report.violations()).isEmpty();
    List<String> apiRoutes = api.endpoints().stream()
        .filter(e -> e.path().startsWith(ApiRoutes.BASE_PATH + "/"))
        .map(Endpoint::toString)
        .toList();
    assertThat(apiRoutes).isNotEmpty();
    assertThat(report.checked()).containsExactlyInAnyOrderElementsOf(apiRoutes);
  }

  @Test
  void public_routes_are_exactly_registration_login_refresh_and_the_oauth_callbacks() {
    assertThat(PublicRoutes.ALL).extracting(r -> r.method() + " " + r.path()).containsExactlyInAnyOrder(
        "POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
        "GET /api/v1/auth/gmail/callback", "GET /api/v1/auth/microsoft/callback");
    List<Endpoint> registered = api.endpoints();
    for (PublicRoutes.Route route : PublicRoutes.ALL) {
      assertThat(registered).as("public route is registered").contains(new Endpoint(route.method(), route.path()));
    }
  }
}
