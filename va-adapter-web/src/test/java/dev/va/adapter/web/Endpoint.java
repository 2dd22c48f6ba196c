package dev.va.adapter.web;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.Comparator;
import java.util.List;

/** A route as registered: method and path template. */
public record Endpoint(HandlerType method, String path) {

  /** Every HTTP route {@code routes} registers (what the server registers), sorted by path then method. */
  public static List<Endpoint> all(RouteTable routes) {
    Javalin app = Javalin.create();
    routes.register(app);
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(parsed -> new Endpoint(parsed.getEndpoint().getMethod(), parsed.getEndpoint().getPath()))
        .filter(endpoint -> endpoint.method().isHttpMethod())
        .sorted(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method))
        .toList();
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
