package dev.va.bootstrap;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.va.adapter.mail.oauth.FakeTokenEndpoint;
import dev.va.application.port.out.MailAuthorizationContract;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The Microsoft identity platform of one tenant, as far as an OAuth client of Exchange Online mailboxes meets it: the
 * v2.0 authorization URL (checked by {@link #consent}, which plays the user signing in and consenting) and the token
 * endpoint, answering the authorization-code grant with PKCE and the refresh-token grant as Microsoft documents them:
 * Bearer tokens with {@code expires_in} and {@code ext_expires_in} in seconds, a new refresh token with every answer,
 * a v2.0 ID token whose {@code preferred_username} is the mailbox address (no {@code email} claim, as for most work
 * accounts), and errors as {@code error}, {@code error_description} (with the AADSTS code), {@code error_codes},
 * {@code timestamp}, {@code trace_id}, {@code correlation_id} and {@code error_uri}. Each access token issued is
 * announced to {@code onIssued} with its address, so the mail server can accept it.
 */
final class FakeMicrosoftIdentityPlatform implements AutoCloseable {
  static final String TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
  static final String CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";
  static final String CLIENT_SECRET = "qWg8Q~client-secret-of-va";
  static final long LIFETIME_SECONDS = 3599;
  static final String SCOPES = "https://outlook.office365.com/IMAP.AccessAsUser.All "
      + "https://outlook.office365.com/SMTP.Send";

  private record Code(String challenge, String redirectUri, String address) {}

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Clock clock;
  private final URI redirectUri;
  private final BiConsumer<String, String> onIssued;
  private final Map<String, Code> codes = new HashMap<>();
  private final Set<String> redeemed = new HashSet<>();
  private final Map<String, String> refreshTokens = new HashMap<>(); // token -> address
  private final Set<String> revoked = new HashSet<>();
  private final List<Map<String, String>> tokenRequests = new ArrayList<>();
  private int issued;

  /**
   * @param redirectUri the one redirect URI registered for the client
   * @param onIssued told the address and the access token of every token answer
   */
  FakeMicrosoftIdentityPlatform(Clock clock, URI redirectUri, BiConsumer<String, String> onIssued) throws IOException {
    this.clock = clock;
    this.redirectUri = redirectUri;
    this.onIssued = onIssued;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/" + TENANT + "/oauth2/v2.0/token", this::token);
    server.start();
  }

  URI authorizeUrl() {
    return URI.create(base() + "/" + TENANT + "/oauth2/v2.0/authorize");
  }

  URI tokenUrl() {
    return URI.create(base() + "/" + TENANT + "/oauth2/v2.0/token");
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * The user signs in at the consent page of {@code authorizationUrl} as {@code address} and consents: Microsoft
   * sends the browser back with the code returned here. Refuses what Microsoft's page would show an error for.
   */
  synchronized String consent(URI authorizationUrl, String address) {
    String url = authorizationUrl.toString();
    if (!url.startsWith(authorizeUrl() + "?")) throw new IllegalArgumentException("not this tenant's authorize URL");
    Map<String, String> query = MailAuthorizationContract.query(authorizationUrl);
    require(CLIENT_ID.equals(query.get("client_id")), "AADSTS700016: Application not found in the directory");
    require(redirectUri.toString().equals(query.get("redirect_uri")),
        "AADSTS50011: The redirect URI does not match the redirect URIs configured for the application");
    require("code".equals(query.get("response_type")), "AADSTS900144: response_type must be code");
    require("S256".equals(query.get("code_challenge_method")) && query.get("code_challenge") != null,
        "AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption");
    require(query.get("state") != null, "no state: the client could not tell this answer from a forged one");
    String code = "0.AXEA" + UUID.randomUUID();
    codes.put(code, new Code(query.get("code_challenge"), query.get("redirect_uri"), address));
    return code;
  }

  /** An administrator revokes the user's sessions: every refresh token of the address stops working. */
  synchronized void revoke(String address) {
    revoked.add(address);
  }

  /** The form fields of each token request, in order. */
  synchronized List<Map<String, String>> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  private void token(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form = FakeTokenEndpoint.form(
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Answer answer;
      synchronized (this) {
        tokenRequests.add(form);
        answer = answer(exchange.getRequestMethod(), form);
      }
      FakeTokenEndpoint.answer(exchange, answer.status(), answer.body());
    }
  }

  private Answer answer(String method, Map<String, String> form) {
    if (!method.equals("POST")) return error(405, "invalid_request", 900561, "The endpoint only accepts POST requests.");
    if (!CLIENT_ID.equals(form.get("client_id"))) {
      return error(400, "unauthorized_client", 700016, "Application with identifier '" + form.get("client_id")
          + "' was not found in the directory '" + TENANT + "'.");
    }
    if (!CLIENT_SECRET.equals(form.get("client_secret"))) {
      return error(401, "invalid_client", 7000215, "Invalid client secret provided.");
    }
    return switch (form.getOrDefault("grant_type", "")) {
      case "authorization_code" -> redeem(form);
      case "refresh_token" -> refresh(form);
      default -> error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
          + form.get("grant_type") + "'.");
    };
  }

  private Answer redeem(Map<String, String> form) {
    String given = form.getOrDefault("code", "");
    if (redeemed.contains(given)) {
      return error(400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with "
          + "a new valid code or use an existing refresh token.");
    }
    Code code = codes.remove(given);
    if (code == null) return error(400, "invalid_grant", 70000, "The provided value for the 'code' parameter is not valid.");
    redeemed.add(given);
    if (!code.redirectUri().equals(form.get("redirect_uri"))) {
      return error(400, "invalid_grant", 50148, "The redirect_uri doesn't match the one of the authorization request.");
    }
    if (!code.challenge().equals(FakeTokenEndpoint.s256(form.getOrDefault("code_verifier", "")))) {
      return error(400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the "
          + "authorization request.");
    }
    return tokens(code.address());
  }

  private Answer refresh(Map<String, String> form) {
    String address = refreshTokens.get(form.getOrDefault("refresh_token", ""));
    if (address == null) {
      return error(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
    }
    if (revoked.contains(address)) {
      return error(400, "invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth "
          + "token is needed. The user might have changed or reset their password.");
    }
    return tokens(address);
  }

  private Answer tokens(String address) {
    issued++;
    String accessToken = "EwBwA8l6BAAU" + issued + "-" + UUID.randomUUID();
    String refreshToken = "M.C5" + issued + "_BAY." + UUID.randomUUID();
    refreshTokens.put(refreshToken, address);
    onIssued.accept(address, accessToken);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("token_type", "Bearer");
    body.put("scope", SCOPES);
    body.put("expires_in", LIFETIME_SECONDS);
    body.put("ext_expires_in", LIFETIME_SECONDS);
    body.put("access_token", accessToken);
    body.put("refresh_token", refreshToken);
    body.put("id_token", idToken(address));
    return new Answer(200, body.toString());
  }

  /** A v2.0 ID token; its signature is not checked by a client that got it straight from the token endpoint. */
  private String idToken(String address) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long now = clock.instant().getEpochSecond();
    ObjectNode claims = JsonNodeFactory.instance.objectNode();
    claims.put("ver", "2.0");
    claims.put("iss", "https://login.microsoftonline.com/" + TENANT + "/v2.0");
    claims.put("sub", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ");
    claims.put("aud", CLIENT_ID);
    claims.put("exp", now + 3600);
    claims.put("iat", now);
    claims.put("nbf", now);
    claims.put("name", address.substring(0, address.indexOf('@')));
    claims.put("preferred_username", address);
    claims.put("oid", UUID.nameUUIDFromBytes(address.getBytes(StandardCharsets.UTF_8)).toString());
    claims.put("tid", TENANT);
    return b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"1LTMzakihiRla_8z2BEJVXeWMqo\"}"
        .getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(claims.toString()
        .getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
  }

  private Answer error(int status, String error, int code, String description) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String traceId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    String timestamp = DateTimeFormatter.ISO_INSTANT.format(now).replace('T', ' ');
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", error);
    body.put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + traceId
        + " Correlation ID: " + correlationId + " Timestamp: " + timestamp);
    body.putArray("error_codes").add(code);
    body.put("timestamp", timestamp);
    body.put("trace_id", traceId);
    body.put("correlation_id", correlationId);
    body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
    return new Answer(status, body.toString());
  }

  private static void require(boolean condition, String error) {
    if (!condition) throw new IllegalArgumentException(error);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
