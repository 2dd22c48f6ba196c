package dev.va.adapter.web;

import io.javalin.Javalin;

/**
 * Routes of one feature. Features contribute an implementation through a Guice multibinder
 * ({@code Multibinder.newSetBinder(binder(), ApiRoutes.class).addBinding().to(...)}) and {@link RouteTable}
 * registers it, so adding an API never means editing the core.
 */
public interface ApiRoutes {
  void register(Javalin app);
}
