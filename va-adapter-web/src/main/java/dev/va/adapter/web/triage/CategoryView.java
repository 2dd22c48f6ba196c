package dev.va.adapter.web.triage;

import dev.va.application.port.in.CategoryUseCases.CategoryEntry;
import dev.va.domain.mail.UserCategory;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import java.time.Instant;

/** A category as the API shows it: a built-in one (no times) or one of the caller's own. */
public record CategoryView(
    @OpenApiDescription("lower case: a letter, then letters, digits and '_' (at most 50)") String name,
    @OpenApiDescription("what belongs in it; the language model is shown the caller's own") String description,
    @OpenApiName("built_in") @OpenApiDescription("built-in categories can be neither changed nor deleted")
    boolean builtIn,
    @OpenApiName("created_at") @OpenApiDescription("null for a built-in category") Instant createdAt,
    @OpenApiName("updated_at") @OpenApiDescription("null for a built-in category") Instant updatedAt) {

  static CategoryView of(CategoryEntry entry) {
    return new CategoryView(entry.name().name(), entry.description(), entry.builtIn(), entry.createdAt(),
        entry.updatedAt());
  }

  static CategoryView of(UserCategory category) {
    return of(CategoryEntry.of(category));
  }
}
