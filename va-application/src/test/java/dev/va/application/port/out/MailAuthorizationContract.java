package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.oauth.OAuthStateService;
import dev.va.application.port.out.MailAuthorization.AuthorizationException;
import dev.va.application.port.out.MailAuthorization.Authorized;
import dev.va.domain.mail.MailProviderType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link MailAuthorization} must have. */
public interface MailAuthorizationContract {
  String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  MailAuthorization authorization();

  /** A provider that {@link #authorization()} can connect. */
  MailProviderType provider();

  /** The user signs in as {@code email} at the provider and consents; returns the code the callback receives. */
  String consent(URI authorizationUrl, String email);

  static Map<String, String> query(URI uri) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return fields;
  }

  private URI url() {
    return authorization().authorizationUrl(provider(), "state-1", OAuthStateService.challenge(VERIFIER));
  }

  @Test
  default void theAuthorizationUrlCarriesStateAndChallenge() {
    assertThat(authorization().providers()).contains(provider());

    Map<String, String> query = query(url());

    assertThat(query).containsEntry("state", "state-1")
        .containsEntry("code_challenge", OAuthStateService.challenge(VERIFIER))
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("response_type", "code");
  }

  @Test
  default void aCodeGivesCredentialsAndTheAddress() {
    String code = consent(url(), "me@example.com");

    Authorized authorized = authorization().exchange(provider(), code, VERIFIER);

    assertThat(authorized.email()).isEqualTo("me@example.com");
    assertThat(authorized.credentials()).isNotNull();
  }

  @Test
  default void aCodeWorksOnceAndOnlyWithItsVerifier() {
    String code = consent(url(), "me@example.com");

    assertThatThrownBy(() -> authorization().exchange(provider(), code, VERIFIER.replace('d', 'e')))
        .isInstanceOfSatisfying(AuthorizationException.class, e -> assertThat(e.refused()).isTrue());
    String again = consent(url(), "me@example.com");
    authorization().exchange(provider(), again, VERIFIER);
    assertThatThrownBy(() -> authorization().exchange(provider(), again, VERIFIER))
        .isInstanceOfSatisfying(AuthorizationException.class, e -> assertThat(e.refused()).isTrue());
  }

  @Test
  default void aProviderWithoutClientIsRejected() {
    assertThat(authorization().providers()).doesNotContain(MailProviderType.IMAP);
    assertThatThrownBy(() -> authorization().authorizationUrl(MailProviderType.IMAP, "s", "c"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> authorization().exchange(MailProviderType.IMAP, "code", VERIFIER))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
