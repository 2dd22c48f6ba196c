package dev.va.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.adapter.web.IsolationWalk.Report;
import dev.va.adapter.web.identity.PublicRoutes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No user reaches another's data through any route the server registers, present or future: a route with a path
 * parameter that {@link IsolationWalk#FIXTURES} cannot fill fails the walk.
 */
public abstract class IsolationWalkSuite extends ApiSuite {

  @Test
  void every_api_route_refuses_anonymous_callers_and_hides_other_users_data() {
    Report report = IsolationWalk.run(api);

    assertThat(report.violations()).isEmpty();
    List<String> protectedRoutes = api.endpoints().stream()
        .filter(e -> e.path().startsWith(ApiRoutes.BASE_PATH + "/"))
        .filter(e -> !PublicRoutes.contains(e.method(), e.path()))
        .map(Endpoint::toString)
        .toList();
    assertThat(protectedRoutes).isNotEmpty();
    assertThat(report.checked()).containsExactlyInAnyOrderElementsOf(protectedRoutes);
  }

  @Test
  void public_routes_are_exactly_registration_login_and_refresh() {
    assertThat(PublicRoutes.ALL).extracting(r -> r.method() + " " + r.path()).containsExactlyInAnyOrder(
        "POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh");
    List<Endpoint> registered = api.endpoints();
    for (PublicRoutes.Route route : PublicRoutes.ALL) {
      assertThat(registered).as("public route is registered").contains(new Endpoint(route.method(), route.path()));
    }
  }
}
