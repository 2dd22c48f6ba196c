package dev.va.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {
  @Test
  void defaultsMatchTheDocumentedValues() {
    LlmSettings s = LlmSettings.defaults("sk-live-secret");

    assertThat(s.model()).isEqualTo("gpt-4o-mini");
    assertThat(s.baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.maxRetries()).isEqualTo(2);
  }

  @Test
  void theApiKeyIsNeverPrinted() {
    assertThat(LlmSettings.defaults("sk-live-secret").toString()).doesNotContain("sk-live-secret").contains("***");
  }

  @Test
  void rejectsSettingsThatCannotWork() {
    LlmSettings d = LlmSettings.defaults("k");
    assertThatThrownBy(() -> LlmSettings.defaults(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LlmSettings("k", d.model(), "ftp://example.org", d.connectTimeout(),
        d.readTimeout(), d.totalTimeout(), 2, 1, 1, d.breakerCoolDown(), 1))
        .hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> new LlmSettings("k", d.model(), d.baseUrl(), Duration.ZERO, d.readTimeout(),
        d.totalTimeout(), 2, 1, 1, d.breakerCoolDown(), 1)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new LlmSettings("k", d.model(), d.baseUrl(), d.connectTimeout(), d.readTimeout(),
        d.totalTimeout(), 9, 1, 1, d.breakerCoolDown(), 1)).hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> new LlmSettings("k", d.model(), d.baseUrl(), d.connectTimeout(), d.readTimeout(),
        d.totalTimeout(), 2, 0, 1, d.breakerCoolDown(), 1)).hasMessageContaining("dailyTokenBudgetPerUser");
  }
}
