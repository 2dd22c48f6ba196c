package dev.va.adapter.web;

import io.javalin.Javalin;

/**
 * Routes of one feature. Features contribute an implementation through a Guice multibinder
 * ({@code Multibinder.newSetBinder(binder(), ApiRoutes.class).addBinding().to(...)}) and {@link RouteTable}
 * registers it, so adding an API never means editing the core.
 */
public interface ApiRoutes {
  /** Prefix of every route of the versioned API; routes under it need a bearer token unless listed as public. */
  String BASE_PATH = "/api/v1";

  void register(Javalin app);
}
