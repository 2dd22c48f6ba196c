package dev.va.adapter.web.replies;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.web.ApiRoutes;

/**
 * Adds the routes of mail rules, reply templates, drafts and the outbox to the API. Needs bindings from elsewhere
 * for the use cases of {@code RuleUseCases}, {@code TemplateUseCases}, {@code DraftUseCases} and
 * {@code OutboxUseCases}.
 */
public final class RepliesWebModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), ApiRoutes.class).addBinding().to(RepliesRoutes.class);
  }
}
