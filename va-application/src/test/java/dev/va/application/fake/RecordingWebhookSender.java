package dev.va.application.fake;

import dev.va.application.port.out.WebhookSender;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Webhooks in memory: records each call; a URL answers 200 unless told otherwise. */
public final class RecordingWebhookSender implements WebhookSender {
  /** One call: where to and what. */
  public record Call(URI url, String json) {}

  private final List<Call> calls = new ArrayList<>();
  private final Map<URI, Integer> answers = new HashMap<>();

  /** Makes {@code url} answer {@code status} from now on. */
  public synchronized void answer(URI url, int status) {
    answers.put(url, status);
  }

  @Override
  public synchronized void post(URI url, String json) {
    calls.add(new Call(url, json));
    int status = answers.getOrDefault(url, 200);
    if (status / 100 == 2) return;
    boolean permanent = status / 100 == 4 && status != 408 && status != 429;
    throw new WebhookException("webhook answered " + status, permanent, null);
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }
}
