package dev.va.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.va.bootstrap.config.ConfigLoader;
import dev.va.bootstrap.config.VaConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code va migrate}: brings the configured database to the current schema, then exits. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Applies pending database migrations to the configured database and exits.")
final class MigrateCommand implements Callable<Integer> {
  private final Map<String, String> env;
  private final UnaryOperator<Module> customize;

  @Spec
  private CommandSpec spec;

  MigrateCommand(Map<String, String> env, UnaryOperator<Module> customize) {
    this.env = env;
    this.customize = customize;
  }

  @Override
  public Integer call() {
    VaConfig config = ConfigLoader.load(env);
    LogLevels.apply(config.logLevel());
    Injector injector = Guice.createInjector(customize.apply(Modules.combine(VaModules.migrate(config))));
    try (Lifecycle lifecycle = injector.getInstance(Lifecycle.class)) {
      spec.commandLine().getOut().println(injector.getInstance(DatabaseBootstrap.class).migrate());
    }
    return 0;
  }
}
