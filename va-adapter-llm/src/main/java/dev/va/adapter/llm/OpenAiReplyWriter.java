package dev.va.adapter.llm;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import dev.va.application.port.out.ReplyWriter;
import dev.va.domain.mail.EmailMessage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReplyWriter} on OpenAI's Chat Completions API, through the {@link OpenAiChat} classification uses too: the
 * same per-user daily token budget, circuit breaker, retries (honouring Retry-After) and timeouts. The email is
 * sent as delimited, escaped data under a system message that calls it untrusted ({@link ReplyPromptBuilder}); no
 * tools or functions are offered and only the answer's text is read back, made plain and cut to
 * {@link ReplyWriter#MAX_BODY}. So the most a prompt injection can do is change the text of a draft, which the user
 * reads before approving it. A refusal, an answer cut by the token limit, an empty or malformed answer and any
 * failure give nothing: the draft then falls back to its template or a placeholder.
 */
public final class OpenAiReplyWriter implements ReplyWriter {
  /** Room for a reply of {@link ReplyPromptBuilder#MAX_WORDS} words in any language, with some to spare. */
  static final long MAX_COMPLETION_TOKENS = 500;

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiReplyWriter.class);

  private final OpenAiChat chat;
  private final ReplyPromptBuilder prompts;

  /** A writer on {@code chat}, which its owner closes. */
  OpenAiReplyWriter(OpenAiChat chat) {
    this.chat = chat;
    this.prompts = new ReplyPromptBuilder(chat.tokens());
  }

  @Override
  public Optional<String> write(Author author, EmailMessage message) {
    try {
      ReplyPrompt prompt = prompts.build(author, message);
      Optional<ChatCompletion> completion = chat.complete(author.user(),
          prompt.inputTokens() + MAX_COMPLETION_TOKENS, request(prompt));
      if (completion.isEmpty()) return Optional.empty();
      Optional<String> text = completion.get().choices().stream().findFirst()
          .filter(choice -> choice.finishReason().equals(ChatCompletion.Choice.FinishReason.STOP))
          .map(ChatCompletion.Choice::message)
          .filter(m -> m.refusal().isEmpty())
          .flatMap(ChatCompletionMessage::content)
          .flatMap(ReplyWriter::plainText);
      if (text.isEmpty()) LOG.warn("language model gave no usable reply draft (refused, cut short or empty)");
      return text;
    } catch (RuntimeException e) {
      LOG.warn("language model reply draft failed: {}", OpenAiChat.describe(e));
      return Optional.empty();
    }
  }

  private ChatCompletionCreateParams request(ReplyPrompt prompt) {
    return ChatCompletionCreateParams.builder()
        .model(chat.settings().model())
        .addSystemMessage(prompt.system())
        .addUserMessage(prompt.user())
        .temperature(0.3)
        .maxCompletionTokens(MAX_COMPLETION_TOKENS)
        .store(false)
        .build();
  }
}
