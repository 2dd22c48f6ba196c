package dev.va.adapter.mail.gmail;

import dev.va.adapter.mail.oauth.OAuthClientSettings;
import java.net.URI;
import java.time.Duration;

/**
 * Settings of the Gmail API provider; sync window, batch size, MIME limits and timeouts come from
 * {@code MailSettings}. Gmail is offered only when these exist, that is when an OAuth client is configured.
 *
 * @param rootUrl root of the Gmail API ({@code https://gmail.googleapis.com/}; a local server in tests)
 * @param oauth the Google OAuth client, whose token endpoint refreshes access tokens
 * @param maxAttempts attempts of one request that meets rate limiting or server errors
 * @param initialBackoff wait after the first such failure; doubled after each further one
 * @param maxBackoff longest wait between two attempts
 * @param maxRetryAfter a longer Retry-After fails the call at once rather than holding a worker
 */
public record GmailSettings(
    URI rootUrl,
    OAuthClientSettings oauth,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter) {

  public static final URI DEFAULT_ROOT_URL = URI.create("https://gmail.googleapis.com/");

  public GmailSettings {
    if (rootUrl == null || !rootUrl.isAbsolute()) throw new IllegalArgumentException("an absolute rootUrl is required");
    if (!rootUrl.toString().endsWith("/")) rootUrl = URI.create(rootUrl + "/");
    if (oauth == null) throw new IllegalArgumentException("the Google OAuth client is required");
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    for (Duration d : new Duration[] {initialBackoff, maxBackoff, maxRetryAfter}) {
      if (d == null || d.isNegative()) throw new IllegalArgumentException("backoff durations must not be negative");
    }
  }

  public static GmailSettings defaults(OAuthClientSettings oauth) {
    return new GmailSettings(DEFAULT_ROOT_URL, oauth, 5, Duration.ofSeconds(1), Duration.ofSeconds(32),
        Duration.ofSeconds(60));
  }

  public GmailSettings withRootUrl(URI root) {
    return new GmailSettings(root, oauth, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
  }
}
