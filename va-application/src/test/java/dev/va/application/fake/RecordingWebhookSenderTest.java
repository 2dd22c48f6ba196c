package dev.va.application.fake;

import dev.va.application.port.out.WebhookSender;
import dev.va.application.port.out.WebhookSenderContract;
import java.net.URI;
import java.util.List;
import java.util.UUID;

class RecordingWebhookSenderTest implements WebhookSenderContract {
  private final RecordingWebhookSender sender = new RecordingWebhookSender();

  @Override
  public WebhookSender sender() {
    return sender;
  }

  @Override
  public URI endpoint(int status) {
    URI url = URI.create("https://hooks.example.org/" + UUID.randomUUID());
    sender.answer(url, status);
    return url;
  }

  @Override
  public List<String> received(URI endpoint) {
    return sender.calls().stream().filter(c -> c.url().equals(endpoint)).map(RecordingWebhookSender.Call::json)
        .toList();
  }
}
