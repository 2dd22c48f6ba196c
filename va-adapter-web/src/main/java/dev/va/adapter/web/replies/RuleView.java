package dev.va.adapter.web.replies;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.domain.rule.AutoReplyRule;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiPropertyType;
import java.time.Instant;

/** A rule (one version of it) as the API shows it. */
public record RuleView(
    String id,
    String name,
    @OpenApiDescription("rules run lowest first") int priority,
    boolean enabled,
    @OpenApiDescription("1 for a new rule; every change adds one") int version,
    @OpenApiPropertyType(definedBy = Object.class) @OpenApiDescription("the rule in va's rules language "
        + "(docs/RULES.md)") JsonNode document,
    @OpenApiName("created_at") Instant createdAt,
    @OpenApiName("updated_at") @OpenApiDescription("when this version was stored") Instant updatedAt) {

  static RuleView of(AutoReplyRule rule) {
    return new RuleView(rule.id().toString(), rule.name(), rule.priority(), rule.enabled(), rule.version(),
        JsonDocuments.tree(rule.document()), rule.createdAt(), rule.updatedAt());
  }
}
