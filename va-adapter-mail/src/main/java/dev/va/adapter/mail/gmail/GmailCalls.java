package dev.va.adapter.mail.gmail;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.Sleeper;
import com.google.api.services.gmail.Gmail;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import dev.va.adapter.mail.oauth.OAuthCredentials;
import dev.va.adapter.mail.oauth.OAuthTokenSource;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.domain.mail.EmailAccount;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Runs Gmail API requests for an account: sends its access token, refreshes it once when Gmail answers 401, and
 * repeats a request that met rate limiting (429, rate-limit 403), a server error (5xx) or a network failure, with
 * exponential backoff or after the Retry-After the server asked for, a bounded number of times.
 */
final class GmailCalls {
  /** Builds the request anew for each attempt. */
  interface Call<T> {
    AbstractGoogleClientRequest<T> on(Gmail.Users users) throws IOException;
  }

  /** Which failures a request may be repeated after. */
  enum Repeat {
    /** Any transient failure: the request has no effect or the same effect when repeated. */
    ALWAYS,
    /** Only failures after which the request was surely not carried out (sending must not send twice). */
    IF_NOT_CARRIED_OUT
  }

  /** Gmail has no such message (404, or an id it calls invalid) or other resource. */
  static final class NotFound extends MailProviderException {
    NotFound(String message, Throwable cause) {
      super(message, false, cause);
    }
  }

  private static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");
  private static final Set<String> SCOPE_REASONS = Set.of("insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT");

  private final Gmail gmail;
  private final OAuthTokenSource tokens;
  private final GmailSettings settings;
  private final Sleeper sleeper;
  private final Clock clock;

  GmailCalls(Gmail gmail, OAuthTokenSource tokens, GmailSettings settings, Sleeper sleeper, Clock clock) {
    this.gmail = gmail;
    this.tokens = tokens;
    this.settings = settings;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** The calls of one provider operation; holds the access token, refreshed at most once. Not thread safe. */
  Session session(EmailAccount account) {
    return new Session(account, tokens.current(account));
  }

  final class Session {
    private final EmailAccount account;
    private OAuthCredentials credentials;
    private boolean refreshed;

    private Session(EmailAccount account, OAuthCredentials credentials) {
      this.account = account;
      this.credentials = credentials;
    }

    <T> T execute(Call<T> call) {
      return execute(call, Repeat.ALWAYS);
    }

    <T> T execute(Call<T> call, Repeat repeat) {
      int attempt = 1;
      while (true) {
        Transient failure;
        try {
          AbstractGoogleClientRequest<T> request = call.on(gmail.users());
          request.getRequestHeaders().setAuthorization("Bearer " + credentials.accessToken());
          return parse(request.executeUnparsed(), request.getResponseClass());
        } catch (HttpResponseException e) {
          if (e.getStatusCode() == 401) {
            if (refreshed) throw new MailProviderException("Gmail refused the refreshed access token", true, e);
            credentials = tokens.refreshAfterRefusal(account, credentials);
            refreshed = true;
            continue; // a refused token is no attempt of the request
          }
          failure = classify(e);
        } catch (SocketTimeoutException e) {
          failure = new Transient("Gmail did not answer in time", true, null, e);
        } catch (ConnectException | UnknownHostException e) {
          failure = new Transient("cannot connect to Gmail: " + e.getMessage(), false, null, e);
        } catch (SocketException e) {
          failure = new Transient("connection to Gmail failed: " + e.getMessage(), true, null, e);
        } catch (IOException | IllegalArgumentException e) { // JSON that does not parse or fit the model
          throw new MailProviderException("unreadable answer from Gmail: " + e.getMessage(), false, e);
        }
        if (failure.maybeCarriedOut() && repeat == Repeat.IF_NOT_CARRIED_OUT) {
          throw new MailProviderException(failure.message() + "; not repeated", false, failure.cause());
        }
        if (attempt >= settings.maxAttempts()) {
          throw new MailProviderException(failure.message() + " (gave up after " + attempt + " attempts)", false,
              failure.cause());
        }
        Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(attempt);
        if (wait.compareTo(settings.maxRetryAfter()) > 0) {
          throw new MailProviderException(failure.message() + " (a retry would wait " + wait.toSeconds() + " s)", false,
              failure.cause());
        }
        sleep(wait);
        attempt++;
      }
    }
  }

  /** A failure that may pass; {@code maybeCarriedOut}: the request may have taken effect anyway. */
  private record Transient(String message, boolean maybeCarriedOut, Duration retryAfter, Exception cause) {}

  /**
   * The answer as the model class. The client's own JSON parser takes a truncated document for a complete one, which
   * would let a cut answer pass for a shorter list; so the text is first checked to be one complete JSON value.
   */
  private static <T> T parse(HttpResponse response, Class<T> type) throws IOException {
    String body = response.parseAsString();
    try {
      JsonReader reader = new JsonReader(new StringReader(body));
      reader.setStrictness(Strictness.STRICT);
      reader.skipValue();
      if (reader.peek() != JsonToken.END_DOCUMENT) throw new IllegalArgumentException("text after the JSON value");
    } catch (MalformedJsonException | EOFException | IllegalStateException e) {
      throw new IllegalArgumentException("not one complete JSON value (" + e.getMessage() + ")", e);
    }
    return GsonFactory.getDefaultInstance().fromString(body, type);
  }

  /** A transient failure, or throws the failure that is final. */
  private Transient classify(HttpResponseException e) {
    int status = e.getStatusCode();
    String reason = reason(e);
    String message = "Gmail answered " + status + (reason == null ? "" : " " + reason) + ": " + detail(e);
    if (status == 429 || (status == 403 && RATE_LIMIT_REASONS.contains(reason))) {
      return new Transient(message, false, retryAfter(e), e);
    }
    if (status == 500 || status == 502 || status == 503 || status == 504) {
      return new Transient(message, true, retryAfter(e), e);
    }
    if (status == 404 || (status == 400 && detail(e).contains("Invalid id value"))) throw new NotFound(message, e);
    // the grant lacks the Gmail scope: only a new consent helps
    throw new MailProviderException(message, status == 403 && SCOPE_REASONS.contains(reason), e);
  }

  private static String reason(HttpResponseException e) {
    if (!(e instanceof GoogleJsonResponseException json) || json.getDetails() == null) return null;
    GoogleJsonError details = json.getDetails();
    if (details.getErrors() != null && !details.getErrors().isEmpty()) return details.getErrors().get(0).getReason();
    return null;
  }

  private static String detail(HttpResponseException e) {
    if (e instanceof GoogleJsonResponseException json && json.getDetails() != null
        && json.getDetails().getMessage() != null) {
      return json.getDetails().getMessage();
    }
    return e.getStatusMessage() == null ? "" : e.getStatusMessage();
  }

  /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
  private Duration retryAfter(HttpResponseException e) {
    String value = e.getHeaders() == null ? null : e.getHeaders().getRetryAfter();
    if (value == null || value.isBlank()) return null;
    try {
      long seconds = Long.parseLong(value.strip());
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(clock.instant(),
            ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  private Duration backoff(int failedAttempts) {
    Duration wait = settings.initialBackoff().multipliedBy(1L << Math.min(failedAttempts - 1, 20));
    return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
  }

  private void sleep(Duration wait) {
    try {
      sleeper.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MailProviderException("interrupted while waiting to retry a Gmail request", false, e);
    }
  }
}
