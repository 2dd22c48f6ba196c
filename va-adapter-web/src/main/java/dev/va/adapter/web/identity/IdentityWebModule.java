package dev.va.adapter.web.identity;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.web.ApiRoutes;

/**
 * Adds bearer authentication and the identity routes to the API. Needs bindings from elsewhere for the use cases of
 * {@code AuthUseCases} (RegisterUser, Login, RefreshSession, Logout, Authenticate, GetProfile, UpdateProfile) and
 * {@code PrivacyUseCases} (ListAuditEvents, ExportUserData, DeleteAccount), and for {@link java.time.Clock}.
 */
public final class IdentityWebModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder<ApiRoutes> routes = Multibinder.newSetBinder(binder(), ApiRoutes.class);
    routes.addBinding().to(BearerAuthentication.class);
    routes.addBinding().to(IdentityRoutes.class);
  }
}
