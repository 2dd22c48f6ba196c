package dev.va.adapter.web.mail;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.web.ApiRoutes;

/**
 * Adds the mail routes to the API. Needs bindings from elsewhere for the use cases of {@code MailUseCases}
 * (ConnectImapAccount, StartOAuthConnection, CompleteOAuthConnection, ListAccounts, GetAccount, RemoveAccount,
 * SyncAccountNow, ListMessages, ListProcessedMessages, GetMessage); the routes are authenticated by the identity
 * module's bearer authentication, except the OAuth callbacks (public).
 */
public final class MailWebModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder<ApiRoutes> routes = Multibinder.newSetBinder(binder(), ApiRoutes.class);
    routes.addBinding().to(MailRoutes.class);
    routes.addBinding().to(MailOAuthRoutes.class);
  }
}
