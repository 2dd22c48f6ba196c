package dev.va.adapter.web.mail;

import dev.va.adapter.web.ApiRoutes;
import io.javalin.Javalin;
import jakarta.inject.Inject;

/**
 * Connecting Gmail and Outlook (Microsoft) mailboxes through OAuth: per provider, an authorize route for the signed-in
 * user and the callback the provider's consent page sends the browser back to. The callbacks are public (see
 * {@code PublicRoutes}): the browser comes back without the bearer token, and the signed state names the user.
 */
public final class MailOAuthRoutes implements ApiRoutes {
  public static final String GMAIL_AUTHORIZE = BASE_PATH + "/auth/gmail/authorize";
  public static final String GMAIL_CALLBACK = BASE_PATH + "/auth/gmail/callback";
  public static final String MICROSOFT_AUTHORIZE = BASE_PATH + "/auth/microsoft/authorize";
  public static final String MICROSOFT_CALLBACK = BASE_PATH + "/auth/microsoft/callback";

  private final MailOAuthController controller;

  @Inject
  public MailOAuthRoutes(MailOAuthController controller) {
    this.controller = controller;
  }

  @Override
  public void register(Javalin app) {
    app.get(GMAIL_AUTHORIZE, controller::authorizeGmail);
    app.get(GMAIL_CALLBACK, controller::gmailCallback);
    app.get(MICROSOFT_AUTHORIZE, controller::authorizeMicrosoft);
    app.get(MICROSOFT_CALLBACK, controller::microsoftCallback);
  }
}
