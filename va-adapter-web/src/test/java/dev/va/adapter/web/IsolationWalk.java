package dev.va.adapter.web;

import static java.util.Map.entry;

import dev.va.adapter.web.ApiClient.Response;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.identity.PublicRoutes;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls every route under {@link ApiRoutes#BASE_PATH} the way an attacker would: without a token (every non-public
 * route must answer 401), and as another user on the owner's resources (a route with a path parameter must answer
 * 404, never 403 and never the owner's data). Public routes (see {@link PublicRoutes}) are called without input,
 * anonymously and as another user: they must be served without a token, never fail and never show the owner's data. Each path parameter is filled with one of the owner's real resources,
 * found in {@link #FIXTURES}; a parameter with no entry there is itself a violation, so a new route cannot slip
 * through unchecked.
 */
final class IsolationWalk {
  /** What the walk checked and what it found wrong, one line per route. */
  record Report(List<String> checked, List<String> violations) {}

  private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}|<([^>/]+)>");

  /**
   * Path parameter to the owner's resource it names, keyed by the parameter's name or, for a bare {@code {id}}, by
   * the path segment before it ({@code /accounts/{id}} → {@code accounts}).
   */
  static final Map<String, Function<OwnedResources, String>> FIXTURES = Map.ofEntries(
      entry("users", r -> r.owner().toString()),
      entry("accounts", r -> r.account().id().toString()),
      entry("accountId", r -> r.account().id().toString()),
      entry("messages", r -> r.message().id().toString()),
      entry("messageId", r -> r.message().id().toString()),
      entry("rules", r -> r.rule().id().toString()),
      entry("ruleId", r -> r.rule().id().toString()),
      entry("tasks", r -> r.task().id().toString()),
      entry("taskId", r -> r.task().id().toString()),
      entry("jobs", r -> r.job().id().toString()),
      entry("jobId", r -> r.job().id().toString()),
      entry("analyses", r -> r.analysis().id().toString()),
      entry("analysisId", r -> r.analysis().id().toString()),
      entry("audit", r -> r.auditEvent().id().toString()),
      entry("version", r -> Integer.toString(r.rule().version())),
      entry("templates", r -> r.template().id().toString()),
      entry("drafts", r -> r.draft().id().toString()),
      entry("outbox", r -> r.outboxEntry().id().toString()),
      entry("category", r -> r.category().name().name()));

  private final ApiClient client;
  private final Session owner;
  private final OwnedResources owned;
  private final Session other;
  private final List<String> ownerMarkers;

  IsolationWalk(ApiClient client, Session owner, OwnedResources owned, Session other) {
    this.client = client;
    this.owner = owner;
    this.owned = owned;
    this.other = other;
    List<String> markers = new ArrayList<>(owned.ids());
    markers.add(owner.username());
    markers.add(owner.email());
    this.ownerMarkers = List.copyOf(markers);
  }

  /** Signs up an owner (with one resource of each kind) and another user, then walks every route of {@code api}. */
  static Report run(ApiHarness api) {
    ApiClient client = new ApiClient(api.url());
    Session owner = client.signUp("alice");
    Session other = client.signUp("bob");
    return new IsolationWalk(client, owner, OwnedResources.create(api, owner.id()), other).walk(api.endpoints());
  }

  Report walk(List<Endpoint> endpoints) {
    List<String> checked = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      if (!endpoint.path().startsWith(ApiRoutes.BASE_PATH + "/")) continue;
      String route = endpoint.toString();
      String path = resolve(endpoint.path(), violations, route);
      if (path == null) continue;
      checked.add(route);
      String method = endpoint.method().name();
      if (PublicRoutes.contains(endpoint.method(), endpoint.path())) {
        walkPublic(endpoint, path, violations);
        continue;
      }

      Response anonymous = client.send(method, path, null, null);
      if (anonymous.status() != 401 || !String.valueOf(anonymous.header("WWW-Authenticate")).startsWith("Bearer")) {
        violations.add(route + ": without a token answered " + anonymous.status() + " " + anonymous.text());
      }

      boolean hasParameters = !path.equals(endpoint.path());
      if (hasParameters) {
        String body = endpoint.method() == HandlerType.GET ? null : "{}";
        Response foreign = client.send(method, path, other.accessToken(), body);
        if (foreign.status() != 404 || leaks(foreign)) {
          violations.add(route + ": another user got " + foreign.status() + " " + foreign.text());
        }
        if (endpoint.method() == HandlerType.GET) {
          // the fixture must name a resource the owner can reach, or the 404 above proves nothing
          Response own = client.get(path, owner.accessToken());
          if (own.status() / 100 != 2) {
            violations.add(route + ": the fixture is not the owner's resource (owner got " + own.status() + ")");
          }
        }
      } else if (endpoint.method() == HandlerType.GET) {
        Response foreign = client.get(path, other.accessToken());
        if (leaks(foreign)) violations.add(route + ": another user's answer shows the owner's data");
      }
    }
    return new Report(List.copyOf(checked), List.copyOf(violations));
  }

  /**
   * A public route (an OAuth callback, login) is called without input: anonymously it must be served, not refused
   * with 401 (else it is wrongly listed as public), and neither anonymously nor as another user may it fail or show
   * the owner's data.
   */
  private void walkPublic(Endpoint endpoint, String path, List<String> violations) {
    String route = endpoint.toString();
    String body = endpoint.method() == HandlerType.GET ? null : "{}";
    Response anonymous = client.send(endpoint.method().name(), path, null, body);
    if (anonymous.status() == 401 || anonymous.status() >= 500 || leaks(anonymous)) {
      violations.add(route + ": public, yet without a token answered " + anonymous.status() + " "
          + anonymous.text());
    }
    Response foreign = client.send(endpoint.method().name(), path, other.accessToken(), body);
    if (foreign.status() >= 500 || leaks(foreign)) {
      violations.add(route + ": public, another user got " + foreign.status() + " " + foreign.text());
    }
  }

  /** The path with every parameter replaced by the owner's resource, or null (and a violation) when one has none. */
  private String resolve(String template, List<String> violations, String route) {
    Matcher parameter = PARAMETER.matcher(template);
    StringBuilder path = new StringBuilder();
    while (parameter.find()) {
      String name = parameter.group(1) != null ? parameter.group(1) : parameter.group(2);
      String key = name.equals("id") ? segmentBefore(template, parameter.start()) : name;
      Function<OwnedResources, String> fixture = FIXTURES.get(key);
      if (fixture == null) {
        violations.add(route + ": no fixture for path parameter '" + name + "' (key '" + key
            + "'); add the owner's resource of that kind to IsolationWalk.FIXTURES");
        return null;
      }
      parameter.appendReplacement(path, Matcher.quoteReplacement(fixture.apply(owned)));
    }
    parameter.appendTail(path);
    return path.toString();
  }

  private static String segmentBefore(String template, int index) {
    String before = template.substring(0, index - 1);
    return before.substring(before.lastIndexOf('/') + 1);
  }

  private boolean leaks(Response response) {
    String body = "application/zip".equals(response.header("Content-Type"))
        ? String.join("\n", response.zipEntries().values())
        : response.text();
    return ownerMarkers.stream().anyMatch(body::contains);
  }
}
