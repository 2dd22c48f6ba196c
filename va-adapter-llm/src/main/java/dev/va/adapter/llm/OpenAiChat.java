package dev.va.adapter.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI client and the guards every use of the model shares (classifying mail, writing drafts): each user's
 * daily token budget, one circuit breaker, bounded retries that honour the server's Retry-After, and the timeouts.
 * One instance per process, so a user's budget and the breaker count every call.
 *
 * <p>Per call, in order: the user's budget must cover its most tokens; the breaker must let it through; then one
 * request with bounded retries. Any failure gives an empty answer. Transport failures and error statuses count for
 * the breaker; a 400 or 422 does not, nor does an answer its caller cannot use, so crafted emails cannot switch the
 * model off for everybody. Close it to release the HTTP client's threads.
 */
public final class OpenAiChat implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiChat.class);

  private final LlmSettings settings;
  private final OpenAIClient client;
  private final Timeout timeout;
  private final TokenCounter tokens;
  private final DailyTokenBudget budget;
  private final CircuitBreaker breaker;
  private final RetryingCall retrying;

  OpenAiChat(LlmSettings settings, Clock clock) {
    this(settings, clock, new TokenCounter(settings.model()),
        duration -> TimeUnit.MILLISECONDS.sleep(duration.toMillis()));
  }

  OpenAiChat(LlmSettings settings, Clock clock, TokenCounter tokens, RetryingCall.Sleeper sleeper) {
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
    this.budget = new DailyTokenBudget(settings.dailyTokenBudgetPerUser(), clock);
    this.breaker = new CircuitBreaker(settings.breakerFailureThreshold(), settings.breakerCoolDown(), clock);
    this.retrying = new RetryingCall(settings.maxRetries(), settings.totalTimeout(), clock, sleeper);
  }

  LlmSettings settings() {
    return settings;
  }

  /** The model's token counter (loading one takes a moment, so callers share this one). */
  TokenCounter tokens() {
    return tokens;
  }

  /**
   * One completion for {@code owner}, or empty when the budget or the breaker refused it or the call failed.
   *
   * @param mostTokens the most the call can cost (prompt, any schema, completion limit), reserved from the budget
   *     until the API reports the usage
   */
  Optional<ChatCompletion> complete(UserId owner, long mostTokens, ChatCompletionCreateParams params) {
    DailyTokenBudget.Reservation reservation = budget.reserve(owner, mostTokens);
    if (reservation == null) {
      LOG.debug("language model not asked: the daily token budget of user {} is spent", owner);
      return Optional.empty();
    }
    if (!breaker.tryAcquire()) {
      budget.settle(reservation, 0);
      return Optional.empty();
    }
    ChatCompletion completion;
    try {
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
    return Optional.of(completion);
  }

  @Override
  public void close() {
    client.close();
  }

  /**
   * A 400 or 422 judges this request, not the service: a flagged email must not be able to switch the model off
   * for everybody. (A broken configuration gets such answers too, but they cost neither tokens nor time.)
   */
  private static boolean aboutThisRequest(RuntimeException e) {
    return e instanceof OpenAIServiceException s && (s.statusCode() == 400 || s.statusCode() == 422);
  }

  static String describe(RuntimeException e) {
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
