package dev.va.bootstrap;

import com.google.inject.Module;
import dev.va.adapter.web.WebModule;
import dev.va.bootstrap.config.VaConfig;
import java.util.List;

/**
 * The Guice modules each command runs with, by name. Tests and embedding applications replace single bindings with
 * {@code Modules.override(VaModules.server(config)).with(theirModule)}.
 */
public final class VaModules {
  private VaModules() {}

  /** {@code va server}: configuration, use cases, HTTP API. */
  public static List<Module> server(VaConfig config) {
    return List.of(new ConfigModule(config), new ApplicationModule(), new WebModule(config.api().toWebSettings()));
  }

  /** {@code va migrate}: configuration and the binding of {@link DatabaseBootstrap}. */
  public static List<Module> migrate(VaConfig config) {
    return List.of(new ConfigModule(config));
  }
}
