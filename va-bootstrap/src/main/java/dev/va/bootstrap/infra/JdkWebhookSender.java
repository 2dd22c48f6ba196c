package dev.va.bootstrap.infra;

import dev.va.application.port.out.WebhookSender;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Calls webhooks with the JDK HTTP client: a POST of the JSON body with {@code Content-Type: application/json} and
 * {@code X-Va-Signature: sha256=<hex HMAC-SHA256 of the body bytes, keyed with the secret's UTF-8 bytes>}.
 * Redirects are not followed. Unless private targets are allowed, a host that resolves to any loopback, private,
 * link-local, shared (CGNAT), multicast or otherwise non-public address is refused, so a rule cannot make va call
 * services behind its firewall. (The name is resolved again when connecting; a DNS answer that changes in between
 * is not caught.)
 */
public final class JdkWebhookSender implements WebhookSender {
  public static final String SIGNATURE_HEADER = "X-Va-Signature";

  /**
   * @param secret key of the signature; without one nothing is sent
   * @param allowPrivateTargets whether non-public addresses may be called (tests, closed networks)
   * @param timeout connect timeout, and the longest wait for the answer
   */
  public record Settings(Optional<String> secret, boolean allowPrivateTargets, Duration timeout) {
    public Settings {
      Objects.requireNonNull(secret, "secret");
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
    }

    @Override
    public String toString() {
      return "Settings[secret=" + secret.map(s -> "***").orElse("none") + ", allowPrivateTargets="
          + allowPrivateTargets + ", timeout=" + timeout + "]";
    }
  }

  private final Settings settings;
  private final HttpClient client;

  public JdkWebhookSender(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client = HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public void post(URI url, String json) {
    if (settings.secret().isEmpty()) {
      throw new WebhookException("webhooks are off: no VA_WEBHOOK_SECRET is configured", true, null);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new WebhookException("not an http(s) URL with a host", true, null);
    }
    if (!settings.allowPrivateTargets()) requirePublic(url.getHost());
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "va-webhook/1")
        .header(SIGNATURE_HEADER, "sha256=" + sign(settings.secret().get(), body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    int status;
    try {
      status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new WebhookException("webhook call failed: " + e.getClass().getSimpleName(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebhookException("interrupted", false, e);
    }
    if (status / 100 == 2) return;
    boolean mayRecover = status == 408 || status == 429 || status / 100 == 5;
    throw new WebhookException("webhook answered " + status, !mayRecover, null);
  }

  /** Hex HMAC-SHA256 of {@code body} under {@code secret} (its UTF-8 bytes): what receivers compute to check. */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static void requirePublic(String host) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new WebhookException("cannot resolve " + host, false, e);
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        throw new WebhookException("refused: " + host + " is a private or local address", true, null);
      }
    }
  }

  /** Whether an address is on the public internet (not loopback, private, link-local, shared, reserved...). */
  public static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) return isPublicV4(b);
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) return false; // fc00::/7 unique local
      boolean zeroPrefix = zero(b, 0, 10);
      boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
      boolean mapped = zeroPrefix && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && zero(b, 4, 12);
      // these forms carry an IPv4 address, which decides
      if (compatible || mapped || nat64) return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
      if (b[0] == 0) return false; // the rest of ::/8 is reserved
      boolean documentation = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8;
      return !documentation;
    }
    return false;
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) return false;
    }
    return true;
  }

  private static boolean isPublicV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    return !(a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224
        || (a0 == 100 && a1 >= 64 && a1 <= 127) // shared address space (CGNAT)
        || (a0 == 169 && a1 == 254)
        || (a0 == 172 && a1 >= 16 && a1 <= 31)
        || (a0 == 192 && a1 == 168)
        || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
        || (a0 == 198 && (a1 == 18 || a1 == 19))); // benchmarking
  }
}
