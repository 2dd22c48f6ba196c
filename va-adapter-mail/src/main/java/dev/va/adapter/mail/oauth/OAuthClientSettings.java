package dev.va.adapter.mail.oauth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OAuth 2 client registered with an identity provider.
 *
 * @param authorizationUri where the user's browser is sent to consent
 * @param tokenUri where codes and refresh tokens are exchanged for tokens
 * @param clientSecret null for a public client
 * @param redirectUri the callback registered with the provider
 * @param scopes requested at authorization
 * @param extraAuthorizationParameters added to the authorization URL (Google: offline access, consent prompt)
 * @param scopeOnRefresh whether a refresh request names the scopes again (the Microsoft identity platform wants it)
 */
public record OAuthClientSettings(
    URI authorizationUri,
    URI tokenUri,
    String clientId,
    String clientSecret,
    URI redirectUri,
    List<String> scopes,
    Map<String, String> extraAuthorizationParameters,
    boolean scopeOnRefresh) {

  public static final List<String> GMAIL_SCOPES =
      List.of("https://www.googleapis.com/auth/gmail.modify", "openid", "email");
  public static final List<String> MICROSOFT_MAIL_SCOPES = List.of(
      "https://outlook.office365.com/IMAP.AccessAsUser.All", "https://outlook.office365.com/SMTP.Send",
      "offline_access", "openid", "email");

  public OAuthClientSettings {
    if (authorizationUri == null || tokenUri == null || redirectUri == null) {
      throw new IllegalArgumentException("authorization, token and redirect URIs are required");
    }
    if (clientId == null || clientId.isBlank()) throw new IllegalArgumentException("clientId is required");
    if (clientSecret != null && clientSecret.isBlank()) clientSecret = null;
    scopes = List.copyOf(scopes);
    if (scopes.isEmpty()) throw new IllegalArgumentException("at least one scope is required");
    extraAuthorizationParameters = Map.copyOf(extraAuthorizationParameters);
  }

  /** Google's endpoints with the Gmail scopes; asks for a refresh token on every consent. */
  public static OAuthClientSettings google(String clientId, String clientSecret, URI redirectUri) {
    return new OAuthClientSettings(URI.create("https://accounts.google.com/o/oauth2/v2/auth"),
        URI.create("https://oauth2.googleapis.com/token"), clientId, clientSecret, redirectUri, GMAIL_SCOPES,
        Map.of("access_type", "offline", "prompt", "consent"), false);
  }

  /**
   * The Microsoft identity platform (v2 endpoints) with the IMAP and SMTP scopes of Exchange Online.
   *
   * @param tenant {@code common}, {@code organizations}, {@code consumers} or a tenant id
   */
  public static OAuthClientSettings microsoft(String tenant, String clientId, String clientSecret, URI redirectUri) {
    if (tenant == null || !tenant.matches("[A-Za-z0-9.-]+")) throw new IllegalArgumentException("bad tenant");
    String base = "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/";
    return new OAuthClientSettings(URI.create(base + "authorize"), URI.create(base + "token"), clientId,
        clientSecret, redirectUri, MICROSOFT_MAIL_SCOPES, Map.of(), true);
  }

  /** The same client at other endpoints (a test server, a proxy). */
  public OAuthClientSettings withEndpoints(URI authorization, URI token) {
    return new OAuthClientSettings(authorization, token, clientId, clientSecret, redirectUri, scopes,
        new LinkedHashMap<>(extraAuthorizationParameters), scopeOnRefresh);
  }

  @Override
  public String toString() {
    return "OAuthClientSettings[" + authorizationUri + ", " + tokenUri + ", clientId=" + clientId + ", clientSecret="
        + (clientSecret == null ? "none" : "***") + ", redirectUri=" + redirectUri + ", scopes=" + scopes + "]";
  }
}
