package dev.va.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import dev.va.adapter.llm.OpenAiLlmClassifier;
import dev.va.adapter.llm.OpenAiReplyWriter;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.SettableClock;
import dev.va.application.job.JobHandler;
import dev.va.application.port.in.AutoReplyUseCases.ScheduleAutoReply;
import dev.va.application.port.in.TriageUseCases.CorrectClassification;
import dev.va.application.audit.AuditTrail;
import dev.va.application.port.in.CategoryUseCases;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.ClassifierModelStore;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.ReplyWriter;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.application.port.out.WebhookSender;
import dev.va.application.triage.classify.LogisticRegression;
import dev.va.application.triage.classify.Models;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.job.TriageJobHandler;
import dev.va.bootstrap.config.OpenAiConfig;
import dev.va.bootstrap.config.TriageConfig;
import dev.va.bootstrap.infra.JdkWebhookSender;
import java.io.IOException;
import java.net.URI;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageFeatureModuleTest {
  private static final OpenAiConfig NO_LLM = new OpenAiConfig(Optional.empty(), "gpt-4o-mini");

  @TempDir
  Path dir;

  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final Lifecycle lifecycle = new Lifecycle();

  private Injector injector(OpenAiConfig openAi, TriageConfig triage, Module... extra) {
    Module environment = binder -> {
      binder.bind(Clock.class).toInstance(new SettableClock(Instant.parse("2025-03-04T10:16:00Z")));
      binder.bind(Lifecycle.class).toInstance(lifecycle);
      binder.bind(TriageConfig.class).toInstance(triage);
      binder.bind(EmailMessageRepository.class).toInstance(repositories.messages());
      binder.bind(EmailAccountRepository.class).toInstance(repositories.accounts());
      binder.bind(AutoReplyRuleRepository.class).toInstance(repositories.rules());
      binder.bind(UserRepository.class).toInstance(repositories.users());
      binder.bind(ClassifierModelStore.class).toInstance(repositories.models());
      binder.bind(UserCategoryRepository.class).toInstance(repositories.categories());
      binder.bind(AuditTrail.class).toInstance(new AuditTrail(repositories.audit(),
          new SettableClock(Instant.parse("2025-03-04T10:16:00Z"))));
    };
    List<Module> modules = new java.util.ArrayList<>(List.of(new TriageFeatureModule(openAi), environment));
    modules.addAll(List.of(extra));
    return Guice.createInjector(modules);
  }

  private static LogisticRegression trained() {
    LogisticRegression model = Models.newCategoryModel();
    model.fit(List.of(List.of("invoice", "due"), List.of("lunch", "friday")), List.of("invoices", "personal"), 3, 1);
    return model;
  }

  private Path file(String name, ModelWriter writer) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      writer.write(out);
    }
    return file;
  }

  private interface ModelWriter {
    void write(OutputStream out) throws IOException;
  }

  @Test
  void adds_the_triage_handler_to_the_worker_and_binds_the_use_cases() {
    Injector injector = injector(NO_LLM, TriageConfig.defaults());

    Set<JobHandler> handlers = injector.getInstance(Key.get(new TypeLiteral<Set<JobHandler>>() {}));
    assertThat(handlers).singleElement().isInstanceOf(TriageJobHandler.class)
        .extracting(JobHandler::type).isEqualTo("mail.triage");
    assertThat(injector.getInstance(CorrectClassification.class)).isNotNull();
    assertThat(injector.getInstance(CategoryUseCases.CreateCategory.class))
        .isSameAs(injector.getInstance(CategoryUseCases.DeleteCategory.class));
    assertThat(injector.getInstance(WebhookSender.class)).isInstanceOf(JdkWebhookSender.class);
    assertThat(injector.getInstance(TriageJobHandler.Llm.class).classifier()).isEmpty();
    assertThat(injector.getInstance(TriageModel.class).categories().labels()).isEmpty();
  }

  @Test
  void with_an_openai_key_the_language_model_is_used_and_closed_with_the_application() {
    Injector injector = injector(new OpenAiConfig(Optional.of("sk-test"), "gpt-4.1-mini"), TriageConfig.defaults());

    TriageJobHandler.Llm llm = injector.getInstance(TriageJobHandler.Llm.class);

    assertThat(llm.classifier()).containsInstanceOf(OpenAiLlmClassifier.class);
    assertThat(llm.classifier()).contains(injector.getInstance(OpenAiLlmClassifier.class));
    assertThat(injector.getInstance(ReplyWriter.class)).isInstanceOf(OpenAiReplyWriter.class);
    assertThat(TriageFeatureModule.llmSettings(new OpenAiConfig(Optional.of("sk-test"), "gpt-4.1-mini")).model())
        .isEqualTo("gpt-4.1-mini");
    assertThat(TriageFeatureModule.llmSettings(new OpenAiConfig(Optional.of("sk-test"), "gpt-4.1-mini",
        Optional.of(URI.create("http://127.0.0.1:9000/v1")))).baseUrl()).isEqualTo("http://127.0.0.1:9000/v1");
    lifecycle.close();
  }

  @Test
  void reads_the_base_model_in_either_file_format() throws IOException {
    Path triageFile = file("model.vatm", out -> new TriageModel(trained(), Optional.empty()).writeTo(out));
    Path categoryFile = file("model.valr", out -> trained().writeTo(out));

    for (Path model : List.of(triageFile, categoryFile)) {
      TriageModel base = injector(NO_LLM, new TriageConfig(Optional.of(model), Optional.empty(), false))
          .getInstance(TriageModel.class);
      assertThat(base.categories().labels()).as(model.toString()).containsExactly("invoices", "personal");
    }
  }

  @Test
  void a_file_that_is_no_model_stops_the_start() throws IOException {
    Path bogus = file("model.txt", out -> out.write("not a model".getBytes()));
    Injector injector = injector(NO_LLM, new TriageConfig(Optional.of(bogus), Optional.empty(), false));

    assertThatThrownBy(() -> injector.getInstance(TriageModel.class)).isInstanceOf(ProvisionException.class)
        .hasMessageContaining("VA_CLASSIFIER_MODEL: " + bogus + " is not a va classifier model");
    assertThatThrownBy(() -> injector(NO_LLM, new TriageConfig(Optional.of(dir.resolve("missing")), Optional.empty(),
        false)).getInstance(TriageModel.class)).hasMessageContaining("VA_CLASSIFIER_MODEL: cannot read");
  }

  @Test
  void the_reply_side_is_picked_up_when_bound() {
    ScheduleAutoReply outbox = (message, rule, version, template) -> { };
    Injector without = injector(NO_LLM, TriageConfig.defaults());
    Injector with = injector(NO_LLM, TriageConfig.defaults(),
        binder -> binder.bind(ScheduleAutoReply.class).toInstance(outbox));

    TypeLiteral<Optional<ScheduleAutoReply>> optional = new TypeLiteral<>() {};
    assertThat(without.getInstance(Key.get(optional))).isEmpty();
    assertThat(with.getInstance(Key.get(optional))).contains(outbox);
  }
}
