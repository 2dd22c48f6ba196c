package dev.va.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import dev.va.adapter.queue.redis.RedisQueueConnection;
import dev.va.adapter.web.BuildInfo;
import dev.va.adapter.web.WebServer;
import dev.va.bootstrap.config.VaConfig;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running va: the injector built from {@link VaModules#server} (or {@link VaModules#worker}), its workers and
 * scheduler, and for a server the HTTP API.
 */
public final class VaServer {
  private static final Logger LOG = LoggerFactory.getLogger(VaServer.class);

  private final Injector injector;
  private final WebServer web;
  private final Lifecycle lifecycle;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private VaServer(Injector injector, boolean http) {
    this.injector = injector;
    this.lifecycle = injector.getInstance(Lifecycle.class);
    this.web = http ? injector.getInstance(WebServer.class) : null;
  }

  /**
   * Builds the injector, starts the workers and scheduler, and starts listening.
   *
   * @param customize applied to the combined modules, e.g. {@code m -> Modules.override(m).with(testModule)}
   */
  public static VaServer start(VaConfig config, UnaryOperator<Module> customize) {
    VaServer server = start(VaModules.server(config), customize, true);
    LOG.info("va {} listening on {} (API docs at {}{})", BuildInfo.version(), server.url(), server.url(),
        WebServer.SWAGGER_PATH);
    return server;
  }

  /** Like {@link #start} without the HTTP API: a process that only runs jobs and schedules. */
  public static VaServer startWorker(VaConfig config, UnaryOperator<Module> customize) {
    VaServer worker = start(VaModules.worker(config), customize, false);
    LOG.info("va {} worker running", BuildInfo.version());
    return worker;
  }

  private static VaServer start(List<Module> modules, UnaryOperator<Module> customize, boolean http) {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, customize.apply(Modules.combine(modules)));
    VaServer server = new VaServer(injector, http);
    try {
      server.openResources();
      JobsRuntime.start(injector);
      MailWatchRuntime.start(injector);
      if (http) server.web.start();
    } catch (RuntimeException e) {
      server.lifecycle.close();
      throw e;
    }
    return server;
  }

  /** Opens what must work before the first request (the database, migrated), so a bad setup fails at start. */
  private void openResources() {
    injector.getInstance(DatabaseBootstrap.class).migrate();
    if (injector.getExistingBinding(Key.get(RedisQueueConnection.class)) != null) {
      lifecycle.own(injector.getInstance(RedisQueueConnection.class));
    }
  }

  public Injector injector() {
    return injector;
  }

  public String url() {
    return web.url();
  }

  public int port() {
    return web.port();
  }

  /** Graceful: in-flight requests finish, then the scheduler, workers and resources stop. Safe to call twice. */
  public synchronized void stop() {
    if (stopped.getCount() == 0) return;
    LOG.info("va stopping");
    try {
      if (web != null) web.stop();
    } finally {
      lifecycle.close();
      stopped.countDown();
      LOG.info("va stopped");
    }
  }

  public void awaitStop() throws InterruptedException {
    stopped.await();
  }
}
