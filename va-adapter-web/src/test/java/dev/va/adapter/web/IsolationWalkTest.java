package dev.va.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.web.IsolationWalk.Report;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.NotFoundException;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.domain.rule.AutoReplyRuleId;
import io.javalin.Javalin;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The isolation walk on the in-memory application, and proof that the walk catches each kind of mistake. */
class IsolationWalkTest extends IsolationWalkSuite {

  @Override
  protected ApiHarness start(Module... extra) {
    return new TestApplication().start(extra);
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
    TestApplication application = new TestApplication();
    FlawedRoutes flawed = new FlawedRoutes(application.repositories());
    try (ApiHarness flawedApi = application.start(
        binder -> Multibinder.newSetBinder(binder, ApiRoutes.class).addBinding().toInstance(flawed))) {

      Report report = IsolationWalk.run(flawedApi);

      assertThat(report.violations()).satisfiesExactlyInAnyOrder(
          v -> assertThat(v).startsWith("GET /api/v1/accounts/{id}: another user got 200"),
          v -> assertThat(v).startsWith("DELETE /api/v1/rules/{id}: another user got 403"),
          v -> assertThat(v).startsWith(
              "GET /api/v1/analyses/{id}: the fixture is not the owner's resource (owner got 404)"),
          v -> assertThat(v).startsWith("GET /api/v1/widgets/{widgetId}: no fixture for path parameter 'widgetId'"));
      assertThat(report.checked()).contains("GET /api/v1/rules/{id}");
    }
  }
}
