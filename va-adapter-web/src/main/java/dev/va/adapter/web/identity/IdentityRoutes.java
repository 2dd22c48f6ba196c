package dev.va.adapter.web.identity;

import dev.va.adapter.web.ApiRoutes;
import io.javalin.Javalin;
import jakarta.inject.Inject;

/** Accounts, sessions, profile, audit log, data export and account deletion. */
public final class IdentityRoutes implements ApiRoutes {
  public static final String REGISTER = BASE_PATH + "/auth/register";
  public static final String LOGIN = BASE_PATH + "/auth/login";
  public static final String REFRESH = BASE_PATH + "/auth/refresh";
  public static final String LOGOUT = BASE_PATH + "/auth/logout";
  public static final String ME = BASE_PATH + "/me";
  public static final String EXPORT = BASE_PATH + "/me/export";
  public static final String AUDIT = BASE_PATH + "/audit";

  private final AuthController auth;
  private final ProfileController profile;
  private final PrivacyController privacy;

  @Inject
  public IdentityRoutes(AuthController auth, ProfileController profile, PrivacyController privacy) {
    this.auth = auth;
    this.profile = profile;
    this.privacy = privacy;
  }

  @Override
  public void register(Javalin app) {
    app.post(REGISTER, auth::register);
    app.post(LOGIN, auth::login);
    app.post(REFRESH, auth::refresh);
    app.post(LOGOUT, auth::logout);
    app.get(ME, profile::show);
    app.patch(ME, profile::update);
    app.delete(ME, privacy::deleteAccount);
    app.get(EXPORT, privacy::export);
    app.get(AUDIT, privacy::audit);
  }
}
