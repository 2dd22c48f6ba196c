package dev.va.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.va.application.port.in.CheckReadinessUseCase;
import dev.va.application.port.out.HealthIndicator;
import dev.va.application.service.ReadinessService;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The use cases of va-application, which knows nothing of Guice. Adapters add readiness checks with
 * {@code Multibinder.newSetBinder(binder(), HealthIndicator.class).addBinding().to(...)}.
 */
public final class ApplicationModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), HealthIndicator.class);
  }

  @Provides
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  CheckReadinessUseCase checkReadiness(Set<HealthIndicator> indicators) {
    return new ReadinessService(List.copyOf(indicators));
  }
}
