package dev.va.adapter.web.replies;

import dev.va.domain.reply.ReplyTemplate;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import java.time.Instant;

/** A reply template as the API shows it. */
public record TemplateView(
    String id,
    String name,
    @OpenApiDescription("null: \"Re: \" and the subject answered") String subject,
    String body,
    @OpenApiDescription("every change adds one") int version,
    @OpenApiDescription("rules auto-reply only with an approved template; an edit withdraws the approval")
    boolean approved,
    @OpenApiName("approved_at") Instant approvedAt,
    @OpenApiName("created_at") Instant createdAt,
    @OpenApiName("updated_at") Instant updatedAt) {

  static TemplateView of(ReplyTemplate t) {
    return new TemplateView(t.id().toString(), t.name(), t.subject(), t.body(), t.version(), t.approved(),
        t.approvedAt(), t.createdAt(), t.updatedAt());
  }
}
