package dev.va.application.fake;

import dev.va.application.oauth.OAuthStateService;
import dev.va.application.port.out.MailAuthorization;
import dev.va.application.port.out.MailAuthorizationContract;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.shared.EncryptedSecret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An authorization server in memory for the given providers: {@link #consent} plays the user, issuing a code bound to
 * the URL's PKCE challenge; a code is good once. Credentials are opaque {@code fake-credentials-<n>} secrets.
 */
public final class InMemoryMailAuthorization implements MailAuthorization {
  private record Grant(MailProviderType provider, String challenge, String email) {}

  private final Set<MailProviderType> providers;
  private final Map<String, Grant> codes = new HashMap<>();
  private int issued;
  private boolean unreachable;

  public InMemoryMailAuthorization(Set<MailProviderType> providers) {
    this.providers = Set.copyOf(providers);
  }

  @Override
  public Set<MailProviderType> providers() {
    return providers;
  }

  @Override
  public URI authorizationUrl(MailProviderType provider, String state, String codeChallenge) {
    require(provider);
    return URI.create("https://auth.example.com/" + provider.name().toLowerCase(Locale.ROOT) + "?response_type=code&state="
        + URLEncoder.encode(state, StandardCharsets.UTF_8) + "&code_challenge="
        + URLEncoder.encode(codeChallenge, StandardCharsets.UTF_8) + "&code_challenge_method=S256");
  }

  /** The user consents as {@code email} on the page of {@code authorizationUrl}. */
  public synchronized String consent(URI authorizationUrl, String email) {
    String provider = authorizationUrl.getPath().substring(1).toUpperCase(Locale.ROOT);
    String code = "code-" + (++issued);
    codes.put(code, new Grant(MailProviderType.valueOf(provider),
        MailAuthorizationContract.query(authorizationUrl).get("code_challenge"), email));
    return code;
  }

  /** While unreachable, exchanges fail without the provider having refused anything (a network failure). */
  public synchronized void setUnreachable(boolean value) {
    unreachable = value;
  }

  @Override
  public synchronized Authorized exchange(MailProviderType provider, String code, String codeVerifier) {
    require(provider);
    if (unreachable) throw new AuthorizationException("token endpoint unreachable", false, null);
    Grant grant = codes.remove(code);
    if (grant == null || grant.provider() != provider
        || !grant.challenge().equals(OAuthStateService.challenge(codeVerifier))) {
      throw new AuthorizationException("invalid_grant", true, null);
    }
    return new Authorized(grant.email(), new EncryptedSecret("fake-credentials-" + (++issued)), "mail");
  }

  private void require(MailProviderType provider) {
    if (!providers.contains(provider)) throw new IllegalArgumentException("no OAuth client for " + provider);
  }
}
