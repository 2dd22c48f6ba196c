package dev.va.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.va.application.port.in.RotateSecretsUseCase;
import dev.va.bootstrap.config.ConfigLoader;
import dev.va.bootstrap.config.VaConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code va keys}: key management. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manages the keys that protect stored secrets.")
final class KeysCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a keys command is required (rotate)");
  }

  /** {@code va keys rotate}. */
  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Re-encrypts every stored secret with the first ENCRYPTION_KEY; then older keys can be removed.")
  static final class Rotate implements Callable<Integer> {
    private final Map<String, String> env;
    private final UnaryOperator<Module> customize;

    @Spec
    private CommandSpec spec;

    Rotate(Map<String, String> env, UnaryOperator<Module> customize) {
      this.env = env;
      this.customize = customize;
    }

    @Override
    public Integer call() {
      VaConfig config = ConfigLoader.load(env);
      LogLevels.apply(config.logLevel());
      Injector injector = Guice.createInjector(customize.apply(Modules.combine(VaModules.keys(config))));
      try (Lifecycle lifecycle = injector.getInstance(Lifecycle.class)) {
        injector.getInstance(DatabaseBootstrap.class).migrate();
        RotateSecretsUseCase.Rotation rotation = injector.getInstance(RotateSecretsUseCase.class).rotate();
        spec.commandLine().getOut().printf("%d stored secret(s) examined, %d re-encrypted with the current key%n",
            rotation.examined(), rotation.reencrypted());
      }
      return 0;
    }
  }
}
