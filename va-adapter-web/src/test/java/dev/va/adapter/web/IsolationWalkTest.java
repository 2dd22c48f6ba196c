package dev.va.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.IsolationWalk.Report;
import dev.va.adapter.web.TestApplication.Endpoint;
import dev.va.adapter.web.identity.Auth;
import dev.va.adapter.web.identity.PublicRoutes;
import dev.va.application.NotFoundException;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.domain.rule.AutoReplyRuleId;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** No user reaches another's data through any route of the API, present or future. */
class IsolationWalkTest {
  private final TestApplication application = new TestApplication();
  private WebServer server;

  @AfterEach
  void stop() {
    if (server != null) server.stop();
  }

  private Report walk(WebServer running, RouteTable routes) {
    ApiClient client = new ApiClient(running.url());
    Session alice = client.signUp("alice");
    Session bob = client.signUp("bob");
    OwnedResources owned = OwnedResources.create(application.repositories(), alice.id());
    return new IsolationWalk(client, alice, owned, bob).walk(TestApplication.endpoints(routes));
  }

  private RouteTable start(Injector injector) {
    server = injector.getInstance(WebServer.class);
    server.start();
    return injector.getInstance(RouteTable.class);
  }

  @Test
  void every_api_route_refuses_anonymous_callers_and_hides_other_users_data() {
    RouteTable routes = start(application.injector());

    Report report = walk(server, routes);

    assertThat(report.violations()).isEmpty();
    List<String> protectedRoutes = TestApplication.endpoints(routes).stream()
        .filter(e -> e.path().startsWith(ApiRoutes.BASE_PATH + "/"))
        .filter(e -> !PublicRoutes.contains(e.method(), e.path()))
        .map(e -> e.method() + " " + e.path())
        .toList();
    assertThat(protectedRoutes).isNotEmpty();
    assertThat(report.checked()).containsExactlyInAnyOrderElementsOf(protectedRoutes);
  }

  @Test
  void public_routes_are_exactly_registration_login_and_refresh() {
    assertThat(PublicRoutes.ALL).extracting(r -> r.method() + " " + r.path()).containsExactlyInAnyOrder(
        "POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh");
    List<Endpoint> registered = TestApplication.endpoints(application.injector().getInstance(RouteTable.class));
    for (PublicRoutes.Route route : PublicRoutes.ALL) {
      assertThat(registered).as("public route is registered").contains(new Endpoint(route.method(), route.path()));
    }
  }

  /** Routes of a feature written wrongly, to show the walk catches each kind of mistake. */
  static final class FlawedRoutes implements ApiRoutes {
    private final InMemoryRepositories repositories;

    FlawedRoutes(InMemoryRepositories repositories) {
      this.repositories = repositories;
    }

    @Override
    public void register(Javalin app) {
      // looks the account up without its owner: another user reads it
      app.get(BASE_PATH + "/accounts/{id}", ctx -> {
        Auth.user(ctx);
        ctx.json(Map.of("address", repositories.accounts().listAll().stream()
            .filter(a -> a.id().toString().equals(ctx.pathParam("id")))
            .findFirst().orElseThrow(() -> new NotFoundException("account")).address().value()));
      });
      // scoped to the caller, as it should be: passes
      app.get(BASE_PATH + "/rules/{id}", ctx -> ctx.json(Map.of("name", repositories.rules()
          .findById(Auth.user(ctx), AutoReplyRuleId.parse(ctx.pathParam("id"), "id"))
          .orElseThrow(() -> new NotFoundException("rule")).name())));
      // answers 403 for someone else's rule, which tells that the id exists
      app.delete(BASE_PATH + "/rules/{id}", ctx -> {
        Auth.user(ctx);
        ctx.status(403);
      });
      // never finds anything, so the fixture it is walked with proves nothing
      app.get(BASE_PATH + "/analyses/{id}", ctx -> {
        throw new NotFoundException("analysis");
      });
      // a parameter the fixtures do not know
      app.get(BASE_PATH + "/widgets/{widgetId}", ctx -> ctx.result("widget"));
    }
  }

  @Test
  void the_walk_reports_leaks_forbidden_answers_and_unknown_parameters() {
    RouteTable routes = start(application.injector(binder -> Multibinder.newSetBinder(binder, ApiRoutes.class)
        .addBinding().toInstance(new FlawedRoutes(application.repositories()))));

    Report report = walk(server, routes);

    assertThat(report.violations()).satisfiesExactlyInAnyOrder(
        v -> assertThat(v).startsWith("GET /api/v1/accounts/{id}: another user got 200"),
        v -> assertThat(v).startsWith("DELETE /api/v1/rules/{id}: another user got 403"),
        v -> assertThat(v).startsWith(
            "GET /api/v1/analyses/{id}: the fixture is not the owner's resource (owner got 404)"),
        v -> assertThat(v).startsWith("GET /api/v1/widgets/{widgetId}: no fixture for path parameter 'widgetId'"));
    assertThat(report.checked()).contains("GET /api/v1/rules/{id}");
  }
}
