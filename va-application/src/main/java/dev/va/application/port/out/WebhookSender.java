package dev.va.application.port.out;

import java.net.URI;

/**
 * Calls a user's webhook (a rule's {@code notify} action): POSTs a JSON document, signed by the adapter so the
 * receiver can check it came from va. Returns normally on a 2xx answer.
 */
public interface WebhookSender {
  /** @throws WebhookException when the call failed or was refused */
  void post(URI url, String json);

  /**
   * A webhook call did not succeed. {@code permanent}: trying again cannot help (an address va may not call, a 4xx
   * answer, webhooks not configured); otherwise it may succeed later (timeout, 5xx, 429, connection refused).
   */
  class WebhookException extends RuntimeException {
    private final boolean permanent;

    public WebhookException(String message, boolean permanent, Throwable cause) {
      super(message, cause);
      this.permanent = permanent;
    }

    public boolean permanent() {
      return permanent;
    }
  }
}
