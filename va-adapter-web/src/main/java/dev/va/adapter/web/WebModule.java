package dev.va.adapter.web;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

/**
 * Binds {@link WebServer}. Needs a {@code CheckReadinessUseCase} binding from elsewhere; features add routes with
 * {@code Multibinder.newSetBinder(binder(), ApiRoutes.class).addBinding().to(TheirRoutes.class)}.
 */
public final class WebModule extends AbstractModule {
  private final WebSettings settings;

  public WebModule(WebSettings settings) {
    this.settings = settings;
  }

  @Override
  protected void configure() {
    bind(WebSettings.class).toInstance(settings);
    Multibinder.newSetBinder(binder(), ApiRoutes.class);
    bind(WebServer.class).in(Scopes.SINGLETON);
  }
}
