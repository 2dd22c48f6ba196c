package dev.va.adapter.web.triage;

import dev.va.adapter.web.ApiRoutes;
import io.javalin.Javalin;
import jakarta.inject.Inject;

/** How a message was classified and why, the user's corrections, and the categories mail is sorted into. */
public final class TriageRoutes implements ApiRoutes {
  public static final String CLASSIFICATION = BASE_PATH + "/email/messages/{id}/classification";
  public static final String CATEGORIES = BASE_PATH + "/email/categories";
  public static final String CATEGORY = CATEGORIES + "/{category}";

  private final ClassificationController classification;
  private final CategoriesController categories;

  @Inject
  public TriageRoutes(ClassificationController classification, CategoriesController categories) {
    this.classification = classification;
    this.categories = categories;
  }

  @Override
  public void register(Javalin app) {
    app.get(CLASSIFICATION, classification::show);
    app.post(CLASSIFICATION, classification::correct);
    app.post(CATEGORIES, categories::create);
    app.get(CATEGORIES, categories::list);
    app.get(CATEGORY, categories::show);
    app.patch(CATEGORY, categories::describe);
    app.delete(CATEGORY, categories::delete);
  }
}
