package dev.va.adapter.web.identity;

import dev.va.adapter.web.ApiRoutes;
import dev.va.application.auth.AuthenticationException;
import dev.va.application.port.in.AuthUseCases.Authenticate;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requires {@code Authorization: Bearer <access token>} on every route under {@link ApiRoutes#BASE_PATH} except
 * {@link PublicRoutes}, and makes the token's user available through {@link Auth#user}. A missing, malformed,
 * expired or forged token is a 401 (mapped by {@code ErrorMapping}). A public route ignores a token that is not
 * valid; a valid one makes its user known there too ({@link Auth#caller}).
 *
 * <p>Contributed as {@link ApiRoutes} so it covers the routes of every feature: Javalin runs before-handlers ahead of
 * any endpoint, whatever the order features register in. It runs only for requests that match a route, so the
 * public check sees the route template.
 */
public final class BearerAuthentication implements ApiRoutes {
  /** RFC 6750 §2.1: the scheme is case-insensitive, the token a b64token. */
  private static final Pattern BEARER = Pattern.compile("Bearer +([A-Za-z0-9._~+/-]+=*)", Pattern.CASE_INSENSITIVE);
  private static final String INVALID_TOKEN = "invalid or expired token";

  private final Authenticate authenticate;

  @Inject
  public BearerAuthentication(Authenticate authenticate) {
    this.authenticate = authenticate;
  }

  @Override
  public void register(Javalin app) {
    app.beforeMatched(BASE_PATH + "/*", this::authenticate);
  }

  private void authenticate(Context ctx) {
    if (PublicRoutes.contains(ctx.method(), ctx.endpointHandlerPath())) {
      identifyIfPossible(ctx);
      return;
    }
    String header = ctx.header(Header.AUTHORIZATION);
    if (header == null || header.isBlank()) throw new AuthenticationException("a bearer token is required");
    Matcher bearer = BEARER.matcher(header.strip());
    if (!bearer.matches()) throw new AuthenticationException(INVALID_TOKEN);
    Auth.authenticated(ctx, authenticate.authenticate(bearer.group(1)));
  }

  /** A public route takes no token, but one that comes along and is valid tells who calls ({@link Auth#caller}). */
  private void identifyIfPossible(Context ctx) {
    String header = ctx.header(Header.AUTHORIZATION);
    if (header == null) return;
    Matcher bearer = BEARER.matcher(header.strip());
    if (!bearer.matches()) return;
    try {
      Auth.authenticated(ctx, authenticate.authenticate(bearer.group(1)));
    } catch (AuthenticationException e) {
      // an expired or foreign token does not stop anyone from using a public route
    }
  }
}
