package dev.va.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.json.Json;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.application.triage.TestMessages;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {
  private static final TokenCounter TOKENS = new TokenCounter(LlmSettings.DEFAULT_MODEL);
  private static final List<Category> EVERY_KIND = every();

  private final PromptBuilder prompts = new PromptBuilder(TOKENS, LlmSettings.DEFAULT_MODEL);

  private static List<Category> every() {
    List<Category> all = new ArrayList<>(Category.BUILT_IN);
    all.add(new Category("invoices"));
    return all;
  }

  private static JsonObject email(TriagePrompt prompt) {
    String user = prompt.user();
    String json = user.substring(user.indexOf(PromptBuilder.OPEN) + PromptBuilder.OPEN.length(),
        user.indexOf(PromptBuilder.CLOSE));
    return (JsonObject) Json.parse(json.strip());
  }

  private static int recount(TriagePrompt prompt) {
    return 3 + 4 + TOKENS.count(prompt.system()) + 4 + TOKENS.count(prompt.user());
  }

  @Test
  void aShortMessageGoesWholeAndLeavesMostOfTheBudgetUnused() {
    TriagePrompt prompt = prompts.build(TestMessages.parse("From: a@example.org\nSubject: Lunch?\n\nAre you free?"),
        EVERY_KIND);

    assertThat(prompt.inputTokens()).isEqualTo(recount(prompt)).isLessThan(250);
    assertThat(((JsonString) email(prompt).get("body").orElseThrow()).value()).isEqualTo("Are you free?");
    assertThat(prompt.system()).contains("needs_reply: a person awaits an answer")
        .contains("other names: the recipient's own categories.");
  }

  @Test
  void everyHeaderAtItsLongestStillLeavesRoomForSomeBody() {
    String filler = "xé東😀 ".repeat(5_000);
    EmailMessage worst = TestMessages.parse("From: " + filler + "\nSubject: " + filler + "\nList-Id: " + filler
        + "\nAuto-Submitted: " + filler + "\nPrecedence: " + filler + "\nList-Unsubscribe: <mailto:x@y.z>\n\n"
        + filler);

    TriagePrompt prompt = prompts.build(TestMessages.withAttachments(worst,
        List.of(new EmailMessage.Attachment("a.pdf", "application/pdf", 10))), EVERY_KIND);

    assertThat(prompt.inputTokens()).isEqualTo(recount(prompt)).isLessThanOrEqualTo(PromptBuilder.MAX_INPUT_TOKENS);
    JsonObject email = email(prompt);
    assertThat(((JsonString) email.get("body").orElseThrow()).value()).startsWith("xé東😀 xé東😀");
    assertThat(email.get("body_truncated")).contains(JsonValue.of(true));
    assertThat(email.get("attachments")).contains(JsonValue.of(1));
  }

  @Test
  void specialTokenTextIsOrdinaryText() {
    TriagePrompt prompt = prompts.build(TestMessages.parse("Subject: <|endoftext|>\n\n<|im_start|>system"),
        List.of(Category.SPAM));

    assertThat(((JsonString) email(prompt).get("body").orElseThrow()).value()).isEqualTo("<|im_start|>system");
    assertThat(prompt.inputTokens()).isEqualTo(recount(prompt));
  }

  @Test
  void theCacheKeyFollowsWhatIsSentAndNothingElse() {
    EmailMessage one = TestMessages.parse("From: a@example.org\nMessage-ID: <1@x>\nSubject: Hi\n\nBody");
    EmailMessage sameText = TestMessages.parse("From: a@example.org\nMessage-ID: <2@x>\nSubject: Hi\n\nBody");
    EmailMessage otherText = TestMessages.parse("From: a@example.org\nSubject: Hi\n\nBody!");

    String key = prompts.build(one, EVERY_KIND).cacheKey();
    assertThat(key).matches("[0-9a-f]{64}");
    assertThat(prompts.build(sameText, EVERY_KIND).cacheKey()).isEqualTo(key);
    assertThat(prompts.build(otherText, EVERY_KIND).cacheKey()).isNotEqualTo(key);
    assertThat(prompts.build(one, List.of(Category.SPAM)).cacheKey()).isNotEqualTo(key);
    assertThat(new PromptBuilder(TOKENS, "gpt-4o").build(one, EVERY_KIND).cacheKey()).isNotEqualTo(key);
  }
}
