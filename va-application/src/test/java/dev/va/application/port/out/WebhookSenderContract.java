package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.port.out.WebhookSender.WebhookException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link WebhookSender} shares: what counts as delivered, and which failures are permanent. */
public interface WebhookSenderContract {
  WebhookSender sender();

  /** A webhook that answers every call with {@code status}; a new one per call. */
  URI endpoint(int status);

  /** The bodies the webhook at {@code endpoint} received, in order. */
  List<String> received(URI endpoint);

  @Test
  default void a2xxAnswerMeansDelivered() {
    URI ok = endpoint(200);
    URI accepted = endpoint(202);

    sender().post(ok, "{\"event\":\"message.triaged\",\"n\":1}");
    sender().post(accepted, "{\"n\":2}");

    assertThat(received(ok)).containsExactly("{\"event\":\"message.triaged\",\"n\":1}");
    assertThat(received(accepted)).containsExactly("{\"n\":2}");
  }

  @Test
  default void aClientErrorIsPermanent() {
    for (int status : new int[] {400, 404, 410}) {
      URI endpoint = endpoint(status);
      assertThatThrownBy(() -> sender().post(endpoint, "{}"))
          .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.permanent()).as("" + status).isTrue());
    }
  }

  @Test
  default void aServerErrorOrThrottlingMaySucceedLater() {
    for (int status : new int[] {500, 503, 429}) {
      URI endpoint = endpoint(status);
      assertThatThrownBy(() -> sender().post(endpoint, "{}"))
          .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.permanent()).as("" + status).isFalse());
    }
  }
}
