package dev.va.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.va.application.port.out.AuditEventRepository;
import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.DataAnalysisJobRepository;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.HealthIndicator;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.NonceStore;
import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.application.port.out.ReplyDraftRepository;
import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.application.port.out.ScheduleClaims;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PersistenceModuleTest {
  private static final Key<Set<HealthIndicator>> HEALTH = Key.get(new TypeLiteral<>() {});

  private static Injector injector(TestDatabase.TestSchema schema) {
    return Guice.createInjector(new PersistenceModule(schema.settings()),
        binder -> binder.bind(Clock.class).toInstance(Clock.systemUTC()));
  }

  @Test
  void bindsEveryRepositoryAndTheDatabaseHealth(TestDatabase.TestSchema schema) {
    Injector injector = injector(schema);
    try (Database database = injector.getInstance(Database.class)) {
      assertThat(injector.getInstance(UserRepository.class)).isInstanceOf(PostgresUserRepository.class);
      assertThat(injector.getInstance(EmailAccountRepository.class))
          .isInstanceOf(PostgresEmailAccountRepository.class);
      assertThat(injector.getInstance(EmailMessageRepository.class))
          .isInstanceOf(PostgresEmailMessageRepository.class);
      assertThat(injector.getInstance(AutoReplyRuleRepository.class))
          .isInstanceOf(PostgresAutoReplyRuleRepository.class);
      assertThat(injector.getInstance(ScheduledTaskRepository.class))
          .isInstanceOf(PostgresScheduledTaskRepository.class);
      assertThat(injector.getInstance(JobRepository.class)).isInstanceOf(PostgresJobRepository.class);
      assertThat(injector.getInstance(ScheduleClaims.class)).isInstanceOf(PostgresScheduleClaims.class);
      assertThat(injector.getInstance(DataAnalysisJobRepository.class))
          .isInstanceOf(PostgresDataAnalysisJobRepository.class);
      assertThat(injector.getInstance(AuditEventRepository.class)).isInstanceOf(PostgresAuditEventRepository.class);
      assertThat(injector.getInstance(RefreshTokenRepository.class))
          .isInstanceOf(PostgresRefreshTokenRepository.class);
      assertThat(injector.getInstance(ReplyTemplateRepository.class))
          .isInstanceOf(PostgresReplyTemplateRepository.class);
      assertThat(injector.getInstance(ReplyDraftRepository.class)).isInstanceOf(PostgresReplyDraftRepository.class);
      assertThat(injector.getInstance(AutoReplyOutbox.class)).isInstanceOf(PostgresAutoReplyOutbox.class);
      assertThat(injector.getInstance(NonceStore.class)).isInstanceOf(PostgresNonceStore.class);
      assertThat(injector.getInstance(UserRepository.class)).isSameAs(injector.getInstance(UserRepository.class));
      assertThat(injector.getInstance(UserRepository.class).findById(UserId.random())).isEmpty();

      assertThat(injector.getInstance(HEALTH)).singleElement().satisfies(health -> {
        assertThat(health.name()).isEqualTo("database");
        assertThat(health.check().up()).isTrue();
      });
    }
  }

  @Test
  void reportsTheDatabaseDownWithoutThrowing(TestDatabase.TestSchema schema) {
    Injector injector = injector(schema);
    HealthIndicator health = injector.getInstance(HEALTH).iterator().next();

    injector.getInstance(Database.class).close();

    HealthIndicator.Health result = health.check();
    assertThat(result.up()).isFalse();
    assertThat(result.detail()).isNotBlank();
  }
}
