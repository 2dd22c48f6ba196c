package dev.va.adapter.mail.gmail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.va.adapter.mail.oauth.FakeTokenEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A local server that answers like the Gmail API (v1, user {@code me}) for one mailbox, plus a Google-like token
 * endpoint at {@code /token}. JSON is shaped as Google documents it: 64-bit numbers (historyId, internalDate) as
 * strings, errors as {@code {"error":{"code","message","errors":[{"reason"}],"status"}}}. Ids are 16 hex digits; an id
 * that is not hex is answered 400 "Invalid id value", an unknown one 404, as Gmail does. Each change to the mailbox
 * takes a new history id; messages added are recorded in the history, which can be forgotten to make old history ids
 * answer 404. Sending keeps the message in the mailbox (SENT, plus INBOX when it is addressed to the mailbox itself)
 * and gives it a Message-ID of the server's own, as Gmail may. Shipped in this module's test-jar, so va-bootstrap's
 * end-to-end tests play Google with it.
 */
public final class FakeGmailServer implements AutoCloseable {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  private static final List<String> SYSTEM_LABELS = List.of("INBOX", "SENT", "UNREAD", "STARRED", "IMPORTANT",
      "TRASH", "SPAM", "DRAFT", "CATEGORY_PERSONAL");

  static final class Stored {
    final String id;
    final String threadId;
    final byte[] raw;
    final Set<String> labelIds = new LinkedHashSet<>();
    final long internalDate;
    long historyId;

    Stored(String id, String threadId, byte[] raw, long internalDate) {
      this.id = id;
      this.threadId = threadId;
      this.raw = raw;
      this.internalDate = internalDate;
    }

    String header(String name) {
      String head = new String(raw, StandardCharsets.ISO_8859_1).split("\r?\n\r?\n", 2)[0];
      Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \t]*(.*(?:\r?\n[ \t].*)*)").matcher(head);
      return m.find() ? m.group(1).replaceAll("\r?\n[ \t]+", " ").strip() : null;
    }
  }

  private record Added(long historyId, String messageId, String threadId, List<String> labelIds) {}

  private record Injected(String method, Pattern path, int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final Clock clock;
  private final String address;
  private final FakeTokenEndpoint tokens;
  private final Set<String> accessTokens = new HashSet<>();
  private final Map<String, Stored> messages = new LinkedHashMap<>();
  private final Map<String, String> labelNames = new LinkedHashMap<>();
  private final List<Added> history = new ArrayList<>();
  private final List<Injected> injected = new ArrayList<>();
  private final List<String> requests = new ArrayList<>();
  private long historyId = 4000;
  private long oldestHistoryId = 0;
  private long nextId = 0x18f0a1b2c3d40000L;
  private int nextLabel = 1;
  private int sentCount;

  public FakeGmailServer(Clock clock, String address) throws IOException {
    this.clock = clock;
    this.address = address;
    this.tokens = new FakeTokenEndpoint(this::acceptAccessToken);
    for (String label : SYSTEM_LABELS) labelNames.put(label, label);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", tokens);
    server.createContext("/gmail/v1/users/", this::handle);
    server.start();
  }

  public URI rootUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public URI tokenUrl() {
    return rootUrl().resolve("/token");
  }

  public FakeTokenEndpoint tokenEndpoint() {
    return tokens;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  public synchronized void acceptAccessToken(String token) {
    accessTokens.add(token);
  }

  /** The access token stops working, as when it expires. */
  public synchronized void expireAccessToken(String token) {
    accessTokens.remove(token);
  }

  /** Gmail keeps history for a limited time: every history id up to now becomes too old. */
  synchronized void forgetHistory() {
    oldestHistoryId = historyId;
  }

  /** The next request with this method and a path matching {@code pathRegex} gets this answer. */
  synchronized void inject(String method, String pathRegex, int status, Map<String, String> headers, String body) {
    injected.add(new Injected(method, Pattern.compile(pathRegex), status, headers, body));
  }

  /** Method and path (with query) of every API request, in order. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  synchronized int sentCount() {
    return sentCount;
  }

  /** A message arrives in the inbox, unread, at the server's time. */
  public synchronized String deliver(String raw) {
    return deliver(raw, clock.instant());
  }

  synchronized String deliver(String raw, Instant at) {
    byte[] bytes = raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    Stored message = store(bytes, threadFor(bytes), at, List.of("INBOX", "UNREAD"));
    return message.id;
  }

  synchronized Optional<Stored> byMessageId(String messageIdHeader) {
    return messages.values().stream().filter(m -> messageIdHeader.equals(m.header("Message-ID"))).findFirst();
  }

  synchronized Set<String> labelNamesOf(String messageIdHeader) {
    Set<String> names = new LinkedHashSet<>();
    byMessageId(messageIdHeader).ifPresent(m -> m.labelIds.forEach(id -> names.add(labelNames.get(id))));
    return names;
  }

  synchronized long labelCount() {
    return labelNames.size();
  }

  private Stored store(byte[] raw, String threadId, Instant at, List<String> labels) {
    String id = Long.toHexString(nextId++);
    Stored message = new Stored(id, threadId != null ? threadId : id, raw, at.toEpochMilli());
    message.labelIds.addAll(labels);
    message.historyId = ++historyId;
    messages.put(id, message);
    history.add(new Added(message.historyId, id, message.threadId, List.copyOf(message.labelIds)));
    return message;
  }

  /** Gmail threads a message with the one its In-Reply-To or References name. */
  private String threadFor(byte[] raw) {
    Stored probe = new Stored("", "", raw, 0);
    List<String> refs = new ArrayList<>();
    for (String name : List.of("In-Reply-To", "References")) {
      String value = probe.header(name);
      if (value != null) refs.addAll(List.of(value.split("\\s+")));
    }
    for (String ref : refs) {
      Optional<Stored> parent = byMessageId(ref);
      if (parent.isPresent()) return parent.get().threadId;
    }
    return null;
  }

  // HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
      // the Google client gzips request bodies, as Google's servers accept
      boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      String body = new String((gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody())
          .readAllBytes(), StandardCharsets.UTF_8);
      int status;
      String answer;
      Map<String, String> headers = Map.of();
      synchronized (this) {
        requests.add(method + " " + path + (exchange.getRequestURI().getRawQuery() == null ? ""
            : "?" + exchange.getRequestURI().getRawQuery()));
        Injected canned = injected.stream().filter(i -> i.method().equals(method) && i.path().matcher(path).find())
            .findFirst().orElse(null);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (canned != null) {
          injected.remove(canned);
          status = canned.status();
          answer = canned.body();
          headers = canned.headers();
        } else if (auth == null || !auth.startsWith("Bearer ") || !accessTokens.contains(auth.substring(7))) {
          status = 401;
          answer = error(401, "Request had invalid authentication credentials. Expected OAuth 2 access token.",
              "authError", "UNAUTHENTICATED").toString();
          headers = Map.of("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
        } else {
          Answer a;
          try {
            a = route(method, path.substring("/gmail/v1/users/".length()), query, body);
          } catch (Refusal r) {
            a = new Answer(r.status, r.body);
          } catch (RuntimeException e) { // a request this fake cannot read: say so rather than drop the connection
            a = new Answer(400, error(400, "fake cannot handle: " + e, "invalidArgument", "INVALID_ARGUMENT"));
          }
          status = a.status();
          answer = a.body().toString();
        }
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
      headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private record Answer(int status, JsonElement body) {}

  private static final class Refusal extends RuntimeException {
    final int status;
    final JsonObject body;

    Refusal(int status, String message, String reason, String grpcStatus) {
      super(message);
      this.status = status;
      this.body = error(status, message, reason, grpcStatus);
    }
  }

  private Answer route(String method, String path, Map<String, List<String>> query, String body) {
    String[] parts = path.split("/");
    if (!parts[0].equals("me")) throw new Refusal(403, "Delegation denied", "forbidden", "PERMISSION_DENIED");
    String resource = parts.length > 1 ? parts[1] : "";
    String rest = switch (parts.length) {
      case 0, 1, 2 -> "";
      case 3 -> parts[2].equals("send") ? "/send" : "/*";
      default -> "/*/" + parts[3];
    };
    switch (method + " " + resource + rest) {
      case "GET profile" -> {
        return ok(profile());
      }
      case "GET messages" -> {
        return ok(listMessages(query));
      }
      case "GET messages/*" -> {
        return ok(message(find(parts[2]), first(query, "format", "full"), query.getOrDefault("metadataHeaders",
            List.of())));
      }
      case "POST messages/*/modify" -> {
        return ok(modify(find(parts[2]), JsonParser.parseString(body).getAsJsonObject()));
      }
      case "POST messages/send" -> {
        return ok(send(JsonParser.parseString(body).getAsJsonObject()));
      }
      case "GET history" -> {
        return ok(history(query));
      }
      case "GET labels" -> {
        return ok(labels());
      }
      case "POST labels" -> {
        return ok(createLabel(JsonParser.parseString(body).getAsJsonObject()));
      }
      default -> throw new Refusal(404, "Not Found", "notFound", "NOT_FOUND");
    }
  }

  private JsonObject profile() {
    JsonObject profile = new JsonObject();
    profile.addProperty("emailAddress", address);
    profile.addProperty("messagesTotal", messages.size());
    profile.addProperty("threadsTotal", messages.values().stream().map(m -> m.threadId).distinct().count());
    profile.addProperty("historyId", Long.toString(historyId));
    return profile;
  }

  private JsonObject listMessages(Map<String, List<String>> query) {
    List<String> labelIds = query.getOrDefault("labelIds", List.of());
    boolean spamTrash = Boolean.parseBoolean(first(query, "includeSpamTrash", "false"));
    String q = first(query, "q", "");
    List<Stored> matching = messages.values().stream()
        .filter(m -> m.labelIds.containsAll(labelIds))
        .filter(m -> spamTrash || (!m.labelIds.contains("SPAM") && !m.labelIds.contains("TRASH")))
        .filter(m -> matches(m, q))
        .sorted(Comparator.comparingLong((Stored m) -> m.internalDate).thenComparing(m -> m.id).reversed())
        .toList();
    int offset = Integer.parseInt(first(query, "pageToken", "0"));
    int max = Integer.parseInt(first(query, "maxResults", "100"));
    JsonObject answer = new JsonObject();
    JsonArray refs = new JsonArray();
    for (Stored m : matching.subList(Math.min(offset, matching.size()), Math.min(offset + max, matching.size()))) {
      JsonObject ref = new JsonObject();
      ref.addProperty("id", m.id);
      ref.addProperty("threadId", m.threadId);
      refs.add(ref);
    }
    if (!refs.isEmpty()) answer.add("messages", refs);
    if (offset + max < matching.size()) answer.addProperty("nextPageToken", Integer.toString(offset + max));
    answer.addProperty("resultSizeEstimate", matching.size());
    return answer;
  }

  /** The search operators the provider uses: {@code newer_than:<n>d} and {@code rfc822msgid:<id>}. */
  private boolean matches(Stored message, String q) {
    for (String term : q.split("\\s+")) {
      if (term.isEmpty()) continue;
      if (term.startsWith("newer_than:") && term.endsWith("d")) {
        long days = Long.parseLong(term.substring(11, term.length() - 1));
        if (message.internalDate < clock.instant().minus(Duration.ofDays(days)).toEpochMilli()) return false;
      } else if (term.startsWith("rfc822msgid:")) {
        String id = term.substring(12).replaceAll("^<|>$", "");
        if (!("<" + id + ">").equals(message.header("Message-ID"))) return false;
      } else {
        throw new Refusal(400, "Unsupported search term in this fake: " + term, "invalidArgument", "INVALID_ARGUMENT");
      }
    }
    return true;
  }

  private Stored find(String id) {
    if (!HEX.matcher(id).matches()) throw new Refusal(400, "Invalid id value", "invalidArgument", "INVALID_ARGUMENT");
    Stored message = messages.get(id);
    if (message == null) throw new Refusal(404, "Requested entity was not found.", "notFound", "NOT_FOUND");
    return message;
  }

  private JsonObject message(Stored m, String format, List<String> metadataHeaders) {
    JsonObject json = new JsonObject();
    json.addProperty("id", m.id);
    json.addProperty("threadId", m.threadId);
    JsonArray labels = new JsonArray();
    m.labelIds.forEach(labels::add);
    json.add("labelIds", labels);
    json.addProperty("snippet", "");
    json.addProperty("historyId", Long.toString(m.historyId));
    json.addProperty("internalDate", Long.toString(m.internalDate));
    json.addProperty("sizeEstimate", m.raw.length);
    switch (format) {
      case "raw" -> json.addProperty("raw", Base64.getUrlEncoder().encodeToString(m.raw));
      case "metadata" -> {
        JsonObject payload = new JsonObject();
        JsonArray headers = new JsonArray();
        String head = new String(m.raw, StandardCharsets.UTF_8).split("\r\n\r\n", 2)[0];
        for (String line : head.split("\r\n(?![ \t])")) {
          int colon = line.indexOf(':');
          if (colon <= 0) continue;
          String name = line.substring(0, colon);
          if (!metadataHeaders.isEmpty() && metadataHeaders.stream().noneMatch(name::equalsIgnoreCase)) continue;
          JsonObject header = new JsonObject();
          header.addProperty("name", name);
          header.addProperty("value", line.substring(colon + 1).replaceAll("\r\n[ \t]+", " ").strip());
          headers.add(header);
        }
        payload.add("headers", headers);
        json.add("payload", payload);
      }
      case "minimal" -> { }
      default -> throw new Refusal(400, "format " + format + " is not in this fake", "invalidArgument",
          "INVALID_ARGUMENT");
    }
    return json;
  }

  private JsonObject modify(Stored m, JsonObject change) {
    List<String> add = strings(change.get("addLabelIds"));
    List<String> remove = strings(change.get("removeLabelIds"));
    for (String id : add) {
      if (!labelNames.containsKey(id)) throw new Refusal(400, "Invalid label: " + id, "invalidArgument",
          "INVALID_ARGUMENT");
    }
    m.labelIds.addAll(add);
    m.labelIds.removeAll(remove);
    m.historyId = ++historyId;
    return message(m, "minimal", List.of());
  }

  private JsonObject send(JsonObject request) {
    byte[] raw = Base64.getUrlDecoder().decode(request.get("raw").getAsString());
    String head = new String(raw, StandardCharsets.ISO_8859_1);
    String ownId = "<fake-" + (++sentCount) + "@mail.gmail.com>";
    String rewritten = head.replaceFirst("(?im)^Message-ID:.*$", "Message-ID: " + ownId.replace("$", "\\$"));
    byte[] stored = rewritten.getBytes(StandardCharsets.ISO_8859_1);
    String threadId = request.has("threadId") && messages.values().stream()
        .anyMatch(m -> m.threadId.equals(request.get("threadId").getAsString()))
        ? request.get("threadId").getAsString() : null;
    Stored probe = new Stored("", "", stored, 0);
    String recipients = (probe.header("To") + " " + probe.header("Cc")).toLowerCase(Locale.ROOT);
    List<String> labels = recipients.contains(address.toLowerCase(Locale.ROOT))
        ? List.of("SENT", "INBOX", "UNREAD") : List.of("SENT");
    Stored message = store(stored, threadId, clock.instant(), labels);
    return message(message, "minimal", List.of());
  }

  private JsonObject history(Map<String, List<String>> query) {
    long start = Long.parseLong(first(query, "startHistoryId", "-1"));
    if (start < 0) throw new Refusal(400, "Missing startHistoryId", "invalidArgument", "INVALID_ARGUMENT");
    if (start < oldestHistoryId) throw new Refusal(404, "Requested entity was not found.", "notFound", "NOT_FOUND");
    List<String> types = query.getOrDefault("historyTypes", List.of());
    String labelId = first(query, "labelId", null);
    List<Added> records = history.stream()
        .filter(a -> a.historyId() > start)
        .filter(a -> types.isEmpty() || types.contains("messageAdded"))
        .filter(a -> labelId == null || a.labelIds().contains(labelId))
        .toList();
    int offset = Integer.parseInt(first(query, "pageToken", "0"));
    int max = Integer.parseInt(first(query, "maxResults", "100"));
    JsonObject answer = new JsonObject();
    JsonArray page = new JsonArray();
    for (Added a : records.subList(Math.min(offset, records.size()), Math.min(offset + max, records.size()))) {
      JsonObject ref = new JsonObject();
      ref.addProperty("id", a.messageId());
      ref.addProperty("threadId", a.threadId());
      JsonObject added = new JsonObject();
      JsonObject message = ref.deepCopy();
      JsonArray labels = new JsonArray();
      a.labelIds().forEach(labels::add);
      message.add("labelIds", labels);
      added.add("message", message);
      JsonObject record = new JsonObject();
      record.addProperty("id", Long.toString(a.historyId()));
      JsonArray messagesOfRecord = new JsonArray();
      messagesOfRecord.add(ref);
      record.add("messages", messagesOfRecord);
      JsonArray addedList = new JsonArray();
      addedList.add(added);
      record.add("messagesAdded", addedList);
      page.add(record);
    }
    if (!page.isEmpty()) answer.add("history", page);
    if (offset + max < records.size()) answer.addProperty("nextPageToken", Integer.toString(offset + max));
    answer.addProperty("historyId", Long.toString(historyId));
    return answer;
  }

  private JsonObject labels() {
    JsonArray list = new JsonArray();
    labelNames.forEach((id, name) -> {
      JsonObject label = new JsonObject();
      label.addProperty("id", id);
      label.addProperty("name", name);
      label.addProperty("type", SYSTEM_LABELS.contains(id) ? "system" : "user");
      list.add(label);
    });
    JsonObject answer = new JsonObject();
    answer.add("labels", list);
    return answer;
  }

  private JsonObject createLabel(JsonObject request) {
    String name = request.get("name").getAsString();
    if (labelNames.values().stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
      throw new Refusal(409, "Label name exists or conflicts", "duplicate", "ALREADY_EXISTS");
    }
    String id = "Label_" + (nextLabel++);
    labelNames.put(id, name);
    JsonObject label = new JsonObject();
    label.addProperty("id", id);
    label.addProperty("name", name);
    label.addProperty("type", "user");
    label.addProperty("labelListVisibility", "labelShow");
    label.addProperty("messageListVisibility", "show");
    return label;
  }

  // helpers

  private static Answer ok(JsonElement body) {
    return new Answer(200, body);
  }

  static JsonObject error(int code, String message, String reason, String status) {
    JsonObject detail = new JsonObject();
    detail.addProperty("message", message);
    detail.addProperty("domain", "global");
    detail.addProperty("reason", reason);
    JsonArray errors = new JsonArray();
    errors.add(detail);
    JsonObject error = new JsonObject();
    error.addProperty("code", code);
    error.addProperty("message", message);
    error.add("errors", errors);
    error.addProperty("status", status);
    JsonObject body = new JsonObject();
    body.add("error", error);
    return body;
  }

  private static List<String> strings(JsonElement array) {
    List<String> values = new ArrayList<>();
    if (array != null && array.isJsonArray()) array.getAsJsonArray().forEach(e -> values.add(e.getAsString()));
    return values;
  }

  private static String first(Map<String, List<String>> query, String name, String fallback) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? fallback : values.get(0);
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return query;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return query;
  }
}
