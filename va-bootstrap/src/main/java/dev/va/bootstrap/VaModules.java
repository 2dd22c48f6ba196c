package dev.va.bootstrap;

import com.google.inject.Module;
import dev.va.adapter.persistence.files.FileStorageModule;
import dev.va.adapter.queue.QueueModule;
import dev.va.adapter.web.WebModule;
import dev.va.adapter.web.identity.IdentityWebModule;
import dev.va.adapter.web.replies.RepliesWebModule;
import dev.va.bootstrap.config.QueueConfig;
import dev.va.bootstrap.config.VaConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The Guice modules each command runs with, by name. Tests and embedding applications replace single bindings with
 * {@code Modules.override(VaModules.server(config)).with(theirModule)}.
 */
public final class VaModules {
  static final String QUEUE_KEY_PREFIX = "va:";

  private VaModules() {}

  /** {@code va server}: everything of {@link #worker} plus the HTTP API. */
  public static List<Module> server(VaConfig config) {
    List<Module> modules = new ArrayList<>(worker(config));
    modules.addAll(List.of(new WebModule(config.api().toWebSettings()), new IdentityWebModule(),
        new RepliesWebModule()));
    return List.copyOf(modules);
  }

  /**
   * {@code va worker}: configuration, database, files, queue, security, use cases, job handlers (replies among them)
   * and scheduler.
   */
  public static List<Module> worker(VaConfig config) {
    return List.of(new ConfigModule(config), new DatabaseModule(), files(config), queue(config.queue()),
        new SecurityModule(), new ApplicationModule(), new JobsRuntimeModule(), new RepliesFeatureModule());
  }

  /** {@code va migrate}: configuration and the binding of {@link DatabaseBootstrap}. */
  public static List<Module> migrate(VaConfig config) {
    return List.of(new ConfigModule(config), new DatabaseModule());
  }

  /** {@code va keys ...}: the database and the key material, with the use cases. */
  public static List<Module> keys(VaConfig config) {
    return List.of(new ConfigModule(config), new DatabaseModule(), files(config), queue(config.queue()),
        new SecurityModule(), new ApplicationModule());
  }

  static Module files(VaConfig config) {
    return new FileStorageModule(config.dataDir().resolve("files"));
  }

  static Module queue(QueueConfig config) {
    return config instanceof QueueConfig.Redis redis
        ? QueueModule.redis(redis.url().toString(), QUEUE_KEY_PREFIX)
        : QueueModule.inProcess();
  }
}
