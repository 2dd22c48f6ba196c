package dev.va.adapter.web;

import dev.va.adapter.web.system.HealthController;
import dev.va.adapter.web.system.RootController;
import io.javalin.Javalin;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/** Every route of the API in one place: the system routes here, then each feature's {@link ApiRoutes}. */
public final class RouteTable {
  private final RootController root;
  private final HealthController health;
  private final List<ApiRoutes> features;

  @Inject
  public RouteTable(RootController root, HealthController health, Set<ApiRoutes> features) {
    this.root = root;
    this.health = health;
    this.features = List.copyOf(features);
  }

  public void register(Javalin app) {
    app.get(RootController.PATH, root::index);
    app.get(HealthController.HEALTH_PATH, health::health);
    app.get(HealthController.READY_PATH, health::ready);
    features.forEach(feature -> feature.register(app));
  }
}
