package dev.va.adapter.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.ResponseFormatJsonSchema.JsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.completions.CompletionUsage;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
 * returned (concurrent callers for one hash wait for the first call); the user's daily token budget must cover the
 * call; the circuit breaker must let it through; then one request with bounded retries. Any failure gives an empty
 * answer. Transport failures and error statuses count for the breaker; a 400 or 422, an answer that breaks the
 * schema and a refusal do not, so crafted emails cannot switch the model off for everybody. Only valid answers are
 * cached: a failed message is asked again next time, within the budget and the breaker.
 *
 * <p>Close it to release the HTTP client's threads.
 */
public final class OpenAiLlmClassifier implements LlmClassifier, AutoCloseable {
  /** Room for the answer: its JSON with a reason of about 15 words takes some 40 tokens. */
  private static final long MAX_COMPLETION_TOKENS = 150;

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiLlmClassifier.class);

  private final LlmSettings settings;
  private final OpenAIClient client;
  private final Timeout timeout;
  private final PromptBuilder prompts;
  private final TokenCounter tokens;
  private final ClassificationCache cache;
  private final DailyTokenBudget budget;
  private final CircuitBreaker breaker;
  private final RetryingCall retrying;
  private final ConcurrentHashMap<String, CompletableFuture<Optional<Classification>>> inFlight =
      new ConcurrentHashMap<>();

  public OpenAiLlmClassifier(LlmSettings settings, Clock clock) {
    this(settings, clock, new LruClassificationCache(settings.cacheSize()), new TokenCounter(settings.model()),
        duration -> TimeUnit.MILLISECONDS.sleep(duration.toMillis()));
  }

  OpenAiLlmClassifier(LlmSettings settings, Clock clock, ClassificationCache cache, TokenCounter tokens,
      RetryingCall.Sleeper sleeper) {
    this.settings = settings;
    this.timeout = Timeout.builder().connect(settings.connectTimeout()).read(settings.readTimeout())
        .write(settings.readTimeout()).request(settings.totalTimeout()).build();
    this.client = OpenAIOkHttpClient.builder()
        .apiKey(settings.apiKey())
        .baseUrl(settings.baseUrl())
        .maxRetries(0)
        .timeout(timeout)
        .responseValidation(true)
        .build();
    this.tokens = tokens;
    this.prompts = new PromptBuilder(tokens, settings.model());
    this.cache = cache;
    this.budget = new DailyTokenBudget(settings.dailyTokenBudgetPerUser(), clock);
    this.breaker = new CircuitBreaker(settings.breakerFailureThreshold(), settings.breakerCoolDown(), clock);
    this.retrying = new RetryingCall(settings.maxRetries(), settings.totalTimeout(), clock, sleeper);
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
      LOG.warn("language model classification failed: {}", describe(e));
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    client.close();
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
    DailyTokenBudget.Reservation reservation = budget.reserve(owner, mostTokens);
    if (reservation == null) return Optional.empty();
    if (!breaker.tryAcquire()) {
      budget.settle(reservation, 0);
      return Optional.empty();
    }
    ChatCompletion completion;
    try {
      ChatCompletionCreateParams params = request(prompt, schema);
      completion = retrying.run(left -> client.chat().completions().create(params,
          RequestOptions.builder().timeout(timeout.toBuilder().request(left).build()).build()));
    } catch (RuntimeException e) {
      budget.settle(reservation, 0);
      if (aboutThisRequest(e)) {
        breaker.succeeded();
        LOG.warn("language model rejected the request: {}", describe(e));
      } else if (breaker.failed()) {
        LOG.warn("language model circuit breaker open for {} after: {}", settings.breakerCoolDown(), describe(e));
      } else {
        LOG.warn("language model call failed: {}", describe(e));
      }
      return Optional.empty();
    }
    breaker.succeeded();
    budget.settle(reservation, completion.usage().map(CompletionUsage::totalTokens).orElse(mostTokens));
    Optional<Classification> answer = completion.choices().stream().findFirst()
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

  /**
   * A 400 or 422 judges this request, not the service: a flagged email must not be able to switch the model off
   * for everybody. (A broken configuration gets such answers too, but they cost neither tokens nor time.)
   */
  private static boolean aboutThisRequest(RuntimeException e) {
    return e instanceof OpenAIServiceException s && (s.statusCode() == 400 || s.statusCode() == 422);
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

  private static String describe(RuntimeException e) {
    if (e instanceof OpenAIServiceException s) {
      return "HTTP " + s.statusCode() + " (" + e.getClass().getSimpleName() + ")";
    }
    if (e instanceof OpenAIException || e instanceof RetryingCall.GaveUp) {
      Throwable cause = e.getCause();
      return e.getClass().getSimpleName() + ": " + e.getMessage()
          + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
    }
    return e.toString();
  }
}
