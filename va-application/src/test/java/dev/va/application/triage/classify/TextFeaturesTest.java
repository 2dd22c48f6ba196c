package dev.va.application.triage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.triage.TestMessages;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {

  @Test
  void normalisesWordsUrlsAddressesNumbersAndMoney() {
    assertThat(TextFeatures.words("Win $1,000 NOW! Visit https://www.Deals.example/x?y=1 or mail win@deals.example"
        + " before 12.05.2025?")).containsExactly("win", "__money", "now", "!", "visit", "__url",
        "url_host:deals.example", "or", "mail", "__email", "before", "__num", "?");
    assertThat(TextFeatures.words("Café déjà-vu l'été")).containsExactly("café", "déjà", "vu", "l'été");
  }

  @Test
  void addsHeaderAwareFeatures() {
    var message = TestMessages.parse("""
        From: Ann <ann@mail.clients.test>
        Reply-To: other@elsewhere.test
        Subject: FREE MONEY FOR YOU
        Message-ID: <1@clients.test>
        X-Mailer: Microsoft Outlook Express 6.0
        Content-Type: text/html; charset=utf-8
        List-Id: <l.clients.test>
        Received: from a
        Received: from b

        Hello there
        """);
    assertThat(TextFeatures.message(message)).containsExactly("hello", "there", "s:free", "s:money", "s:for",
        "s:you", "from_domain:mail.clients.test", "from_tld:test", "h:content-type:text/html",
        "h:mailer:microsoft", "h:message-id-from", "h:no-date", "h:received:2", "s:__shouting", "h:list-id",
        "h:reply-to-differs");
  }

  @Test
  void staysFastOnHostileText() {
    String hostile = "a.".repeat(10_000) + "-".repeat(10_000) + "1,".repeat(10_000);
    long start = System.nanoTime();
    TextFeatures.words(hostile);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }
}
