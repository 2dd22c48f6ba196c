package dev.va.adapter.llm;

import com.openai.core.JsonValue;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.ResponseFormatJsonSchema.JsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import dev.va.application.json.Json;
import dev.va.application.json.JsonValue.JsonArray;
import dev.va.application.json.JsonValue.JsonBool;
import dev.va.application.json.JsonValue.JsonNumber;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.application.port.out.Classifier.Classification;
import dev.va.application.port.out.LlmClassifier;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.CategorySet;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LlmClassifier} on OpenAI's Chat Completions API (official Java SDK) with a strict JSON-schema answer. The
 * email is sent as delimited, escaped data under a system message that calls it untrusted; no tools are offered and
 * only a category, a confidence, a needs-reply flag and a short reason are read back, each checked again here.
 *
 * <p>Per call, in order: the prompt is built within 400 input tokens for the instructions and the email, and at most
 * 800 more for the user's own categories with their descriptions; an answer cached for the same prompt hash is
 * returned (concurrent callers for one hash wait for the first call); then the {@link OpenAiChat} call, within the
 * user's daily token budget, the circuit breaker and bounded retries. Any failure gives an empty answer; an answer
 * that breaks the schema and a refusal do not count for the breaker. Only valid answers are cached: a failed
 * message is asked again next time, within the budget and the breaker.
 *
 * <p>Close it to release the HTTP client's threads, when it made its own {@link OpenAiChat}.
 */
public final class OpenAiLlmClassifier implements LlmClassifier, AutoCloseable {
  /** Room for the answer: its JSON with a reason of about 15 words takes some 40 tokens. */
  private static final long MAX_COMPLETION_TOKENS = 150;

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiLlmClassifier.class);

  private final OpenAiChat chat;
  private final boolean ownsChat;
  private final LlmSettings settings;
  private final PromptBuilder prompts;
  private final TokenCounter tokens;
  private final ClassificationCache cache;
  private final ConcurrentHashMap<String, CompletableFuture<Optional<Classification>>> inFlight =
      new ConcurrentHashMap<>();

  /** A classifier with a client of its own. */
  public OpenAiLlmClassifier(LlmSettings settings, Clock clock) {
    this(new OpenAiChat(settings, clock), true, new LruClassificationCache(settings.cacheSize()));
  }

  OpenAiLlmClassifier(LlmSettings settings, Clock clock, ClassificationCache cache, TokenCounter tokens,
      RetryingCall.Sleeper sleeper) {
    this(new OpenAiChat(settings, clock, tokens, sleeper), true, cache);
  }

  /** A classifier on a shared {@code chat}, which its owner closes. */
  OpenAiLlmClassifier(OpenAiChat chat, ClassificationCache cache) {
    this(chat, false, cache);
  }

  private OpenAiLlmClassifier(OpenAiChat chat, boolean ownsChat, ClassificationCache cache) {
    this.chat = chat;
    this.ownsChat = ownsChat;
    this.settings = chat.settings();
    this.tokens = chat.tokens();
    this.prompts = new PromptBuilder(tokens, settings.model());
    this.cache = cache;
  }

  @Override
  public Optional<Classification> classify(UserId owner, EmailMessage message, CategorySet allowed) {
    try {
      if (allowed == null) return Optional.empty();
      List<Category> categories = allowed.names();
      TriagePrompt prompt = prompts.build(message, allowed);
      Optional<Classification> cached = cache.get(prompt.cacheKey());
      if (cached.isPresent()) return cached;
      return once(prompt.cacheKey(), () -> ask(owner, prompt, categories));
    } catch (RuntimeException e) {
      LOG.warn("language model classification failed: {}", OpenAiChat.describe(e));
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (ownsChat) chat.close();
  }

  /** Runs {@code call} unless a call for the same key is running, in which case its answer is awaited instead. */
  private Optional<Classification> once(String key, Supplier<Optional<Classification>> call) {
    CompletableFuture<Optional<Classification>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<Classification>> running = inFlight.putIfAbsent(key, mine);
    if (running != null) return await(running);
    try {
      // a call for this key may have ended between the cache look-up and now
      Optional<Classification> answer = cache.get(key).or(call);
      mine.complete(answer);
      return answer;
    } finally {
      mine.complete(Optional.empty());
      inFlight.remove(key, mine);
    }
  }

  private static Optional<Classification> await(CompletableFuture<Optional<Classification>> running) {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.empty();
    }
  }

  private Optional<Classification> ask(UserId owner, TriagePrompt prompt, List<Category> allowed) {
    JsonObject schema = AnswerParser.schema(allowed);
    long mostTokens = prompt.inputTokens() + tokens.count(Json.write(schema)) + MAX_COMPLETION_TOKENS;
    Optional<ChatCompletion> completion = chat.complete(owner, mostTokens, request(prompt, schema));
    if (completion.isEmpty()) return Optional.empty();
    Optional<Classification> answer = completion.get().choices().stream().findFirst()
        .map(ChatCompletion.Choice::message)
        .filter(m -> m.refusal().isEmpty())
        .flatMap(ChatCompletionMessage::content)
        .flatMap(content -> AnswerParser.parse(content, allowed, settings.model()));
    if (answer.isEmpty()) LOG.warn("language model answer was refused or broke the schema; ignored");
    answer.ifPresent(a -> cache.put(prompt.cacheKey(), a));
    return answer;
  }

  private ChatCompletionCreateParams request(TriagePrompt prompt, JsonObject schema) {
    JsonSchema.Schema.Builder body = JsonSchema.Schema.builder();
    schema.members().forEach((name, value) -> body.putAdditionalProperty(name, JsonValue.from(plain(value))));
    ChatCompletionCreateParams.Builder request = ChatCompletionCreateParams.builder()
        .model(settings.model())
        .addSystemMessage(prompt.system());
    prompt.categories().ifPresent(request::addUserMessage);
    return request
        .addUserMessage(prompt.user())
        .responseFormat(ResponseFormatJsonSchema.builder()
            .jsonSchema(JsonSchema.builder().name(AnswerParser.SCHEMA_NAME).strict(true).schema(body.build()).build())
            .build())
        .temperature(0.0)
        .maxCompletionTokens(MAX_COMPLETION_TOKENS)
        .store(false)
        .build();
  }

  /** The schema as maps, lists and scalars, which the SDK turns into its own JSON values. */
  private static Object plain(dev.va.application.json.JsonValue value) {
    if (value instanceof JsonObject o) {
      Map<String, Object> members = new LinkedHashMap<>();
      o.members().forEach((k, v) -> members.put(k, plain(v)));
      return members;
    }
    if (value instanceof JsonArray a) return a.elements().stream().map(OpenAiLlmClassifier::plain).toList();
    if (value instanceof JsonString s) return s.value();
    if (value instanceof JsonNumber n) return n.value();
    if (value instanceof JsonBool b) return b.value();
    return null;
  }
}
