package dev.va.adapter.web;

import dev.va.application.NotFoundException;
import dev.va.application.port.out.DuplicateException;
import dev.va.domain.shared.Require;
import io.javalin.Javalin;
import java.time.Instant;
import java.util.List;

/** A feature plugged in through {@link ApiRoutes}, with handlers that fail in every way the API must map. */
final class TestRoutes implements ApiRoutes {
  record NoteRequest(String title, int priority, Instant dueAt, List<String> tags) {
    NoteRequest {
      Require.notBlank(title, "title");
    }
  }

  record Note(String title, int priority, Instant dueAt, List<String> tags, String requestId) {}

  @Override
  public void register(Javalin app) {
    app.post("/test/notes", ctx -> {
      NoteRequest in = ctx.bodyAsClass(NoteRequest.class);
      ctx.status(201).json(new Note(in.title(), in.priority(), in.dueAt(), in.tags(),
          RequestContext.of(ctx).requestId()));
    });
    app.get("/test/duplicate", ctx -> {
      throw new DuplicateException("address", "address is already connected");
    });
    app.get("/test/missing", ctx -> {
      throw new NotFoundException("note 42");
    });
    app.get("/test/crash", ctx -> {
      throw new IllegalStateException("secret internal detail");
    });
    app.get("/test/items/{id}", ctx -> ctx.json(ctx.pathParamAsClass("id", Integer.class).get()));
    app.get("/test/slow", ctx -> {
      Thread.sleep(700);
      ctx.result("done");
    });
    app.get("/test/client", ctx -> ctx.result(RequestContext.of(ctx).clientAddress()));
  }
}
