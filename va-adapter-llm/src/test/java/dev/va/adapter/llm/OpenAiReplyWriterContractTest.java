package dev.va.adapter.llm;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.ReplyWriter;
import dev.va.application.port.out.ReplyWriterContract;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class OpenAiReplyWriterContractTest implements ReplyWriterContract {
  private static final TokenCounter TOKENS = new TokenCounter(LlmSettings.DEFAULT_MODEL);

  private final List<OpenAiChat> created = new ArrayList<>();
  private FakeOpenAi api;

  @BeforeEach
  void start() throws IOException {
    api = new FakeOpenAi();
  }

  @AfterEach
  void stop() {
    created.forEach(OpenAiChat::close);
    api.close();
  }

  private ReplyWriter writer() {
    LlmSettings settings = new LlmSettings("sk-test", LlmSettings.DEFAULT_MODEL, api.baseUrl(), Duration.ofSeconds(2),
        Duration.ofSeconds(2), Duration.ofSeconds(10), 1, 100_000, 3, Duration.ofMinutes(1), 10);
    OpenAiChat chat = new OpenAiChat(settings, new SettableClock(Instant.parse("2025-03-04T10:00:00Z")), TOKENS,
        wait -> {});
    created.add(chat);
    return new OpenAiReplyWriter(chat);
  }

  @Override
  public ReplyWriter answering(String text) {
    api.always(FakeOpenAi.completion(text, 400, 120));
    return writer();
  }

  @Override
  public ReplyWriter failing() {
    api.always(FakeOpenAi.error(503, "server_error", "The engine is currently overloaded", Map.of()));
    return writer();
  }
}
