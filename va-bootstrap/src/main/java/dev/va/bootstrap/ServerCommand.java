package dev.va.bootstrap;

import com.google.inject.Module;
import dev.va.bootstrap.config.ConfigLoader;
import dev.va.bootstrap.config.VaConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;

/** {@code va server}: runs the HTTP API until SIGTERM or Ctrl-C, then stops gracefully. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Runs the HTTP API until stopped (SIGTERM or Ctrl-C), then lets in-flight requests finish.")
final class ServerCommand implements Callable<Integer> {
  private final Map<String, String> env;
  private final UnaryOperator<Module> customize;

  ServerCommand(Map<String, String> env, UnaryOperator<Module> customize) {
    this.env = env;
    this.customize = customize;
  }

  @Override
  public Integer call() throws InterruptedException {
    VaConfig config = ConfigLoader.load(env);
    LogLevels.apply(config.logLevel());
    VaServer server = VaServer.start(config, customize);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "va-shutdown"));
    server.awaitStop();
    return 0;
  }
}
