package dev.va.bootstrap;

import com.google.inject.Module;
import dev.va.bootstrap.config.ConfigLoader;
import dev.va.bootstrap.config.VaConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;

/** {@code va worker}: runs jobs and schedules without the HTTP API; start as many as needed on any hosts. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Runs background jobs and the scheduler (no HTTP API) until stopped; any number may share one "
        + "Redis and one PostgreSQL.")
final class WorkerCommand implements Callable<Integer> {
  private final Map<String, String> env;
  private final UnaryOperator<Module> customize;

  WorkerCommand(Map<String, String> env, UnaryOperator<Module> customize) {
    this.env = env;
    this.customize = customize;
  }

  @Override
  public Integer call() throws InterruptedException {
    VaConfig config = ConfigLoader.load(env);
    LogLevels.apply(config.logLevel());
    VaServer worker = VaServer.startWorker(config, customize);
    Runtime.getRuntime().addShutdownHook(new Thread(worker::stop, "va-shutdown"));
    worker.awaitStop();
    return 0;
  }
}
