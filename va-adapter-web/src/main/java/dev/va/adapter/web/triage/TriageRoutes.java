package dev.va.adapter.web.triage;

import dev.va.adapter.web.ApiRoutes;
import io.javalin.Javalin;
import jakarta.inject.Inject;

/** How a message was classified and why, and the user's corrections. */
public final class TriageRoutes implements ApiRoutes {
  public static final String CLASSIFICATION = BASE_PATH + "/email/messages/{id}/classification";

  private final ClassificationController classification;

  @Inject
  public TriageRoutes(ClassificationController classification) {
    this.classification = classification;
  }

  @Override
  public void register(Javalin app) {
    app.get(CLASSIFICATION, classification::show);
    app.post(CLASSIFICATION, classification::correct);
  }
}
