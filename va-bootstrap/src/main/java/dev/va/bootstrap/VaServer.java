package dev.va.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import dev.va.adapter.queue.redis.RedisQueueConnection;
import dev.va.adapter.web.BuildInfo;
import dev.va.adapter.web.WebServer;
import dev.va.bootstrap.config.VaConfig;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running va: the injector built from {@link VaModules#server} and the HTTP server it started. */
public final class VaServer {
  private static final Logger LOG = LoggerFactory.getLogger(VaServer.class);

  private final Injector injector;
  private final WebServer web;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private final Lifecycle lifecycle;

  private VaServer(Injector injector) {
    this.injector = injector;
    this.lifecycle = injector.getInstance(Lifecycle.class);
    this.web = injector.getInstance(WebServer.class);
  }

  /**
   * Builds the injector and starts listening.
   *
   * @param customize applied to the combined modules, e.g. {@code m -> Modules.override(m).with(testModule)}
   */
  public static VaServer start(VaConfig config, UnaryOperator<Module> customize) {
    Module modules = customize.apply(Modules.combine(VaModules.server(config)));
    Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
    VaServer server = new VaServer(injector);
    try {
      server.openResources();
      server.web.start();
    } catch (RuntimeException e) {
      server.lifecycle.close();
      throw e;
    }
    LOG.info("va {} listening on {} (API docs at {}{})", BuildInfo.version(), server.url(), server.url(),
        WebServer.SWAGGER_PATH);
    return server;
  }

  /** Opens what must work before the first request (the database, migrated), so a bad setup fails at start. */
  private void openResources() {
    injector.getInstance(DatabaseBootstrap.class).migrate();
    if (injector.getExistingBinding(com.google.inject.Key.get(RedisQueueConnection.class)) != null) {
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

  /** Graceful: in-flight requests finish first. Safe to call more than once. */
  public synchronized void stop() {
    if (stopped.getCount() == 0) return;
    LOG.info("va stopping");
    try {
      web.stop();
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
