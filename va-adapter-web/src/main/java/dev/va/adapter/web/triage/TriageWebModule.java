package dev.va.adapter.web.triage;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.web.ApiRoutes;

/**
 * Adds the classification routes of a message (explain, correct) and the category routes to the API. Needs bindings
 * from elsewhere for {@code TriageUseCases.CorrectClassification}, {@code TriageUseCases.ExplainTriage} and each
 * use case of {@code CategoryUseCases}, and the bearer authentication of the identity module.
 */
public final class TriageWebModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), ApiRoutes.class).addBinding().to(TriageRoutes.class);
  }
}
