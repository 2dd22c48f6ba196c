package dev.va.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.LlmClassifier;
import dev.va.application.port.out.ReplyWriter;
import dev.va.application.triage.TestMessages;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.CategorySet;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LlmModuleTest {
  @Test
  void bindsOneClassifierAndOneReplyWriterThatTalkToTheConfiguredServer() throws IOException {
    try (FakeOpenAi api = new FakeOpenAi()) {
      api.always(FakeOpenAi.completion(
          "{\"category\":\"spam\",\"confidence\":0.8,\"needs_reply\":false,\"reasoning\":\"Lottery scam\"}", 200, 20));
      LlmSettings d = LlmSettings.defaults("sk-test");
      LlmSettings settings = new LlmSettings("sk-test", d.model(), api.baseUrl(), d.connectTimeout(),
          d.readTimeout(), d.totalTimeout(), d.maxRetries(), d.dailyTokenBudgetPerUser(),
          d.breakerFailureThreshold(), d.breakerCoolDown(), d.cacheSize());
      Injector injector = Guice.createInjector(new LlmModule(settings),
          binder -> binder.bind(Clock.class).toInstance(new SettableClock(Instant.parse("2025-03-04T10:00:00Z"))));

      LlmClassifier llm = injector.getInstance(LlmClassifier.class);
      try (OpenAiChat chat = injector.getInstance(OpenAiChat.class)) {
        assertThat(llm).isSameAs(injector.getInstance(OpenAiLlmClassifier.class))
            .isSameAs(injector.getInstance(LlmClassifier.class));
        assertThat(llm.classify(TestMessages.USER, TestMessages.parse("Subject: You won!\n\nSend fees."),
            CategorySet.BUILT_IN)).hasValueSatisfying(c ->
            assertThat(c.category()).isEqualTo(Category.SPAM));
        assertThat(api.requests()).hasSize(1);

        ReplyWriter writer = injector.getInstance(ReplyWriter.class);
        assertThat(writer).isSameAs(injector.getInstance(OpenAiReplyWriter.class));
        api.always(FakeOpenAi.completion("Thanks, but no.", 300, 10));
        assertThat(writer.write(new ReplyWriter.Author(TestMessages.USER, null, null),
            TestMessages.parse("From: a@b.example\nSubject: You won!\n\nSend fees."))).contains("Thanks, but no.");
        assertThat(api.requests()).hasSize(2);
        assertThat(chat).isSameAs(injector.getInstance(OpenAiChat.class));
      }
    }
  }
}
