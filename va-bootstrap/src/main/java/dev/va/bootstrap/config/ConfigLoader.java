package dev.va.bootstrap.config;

import dev.va.domain.mail.ServerEndpoint;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@link VaConfig} from environment variables; the one place that knows their names. An empty or blank value
 * counts as unset. Values that may hold secrets are never repeated in error messages.
 */
public final class ConfigLoader {
  public static final String API_HOST = "API_HOST";
  public static final String API_PORT = "API_PORT";
  public static final String VA_MAX_REQUEST_BYTES = "VA_MAX_REQUEST_BYTES";
  public static final String VA_CORS_ORIGINS = "VA_CORS_ORIGINS";
  public static final String VA_PUBLIC_URL = "VA_PUBLIC_URL";
  public static final String VA_DATABASE_URL = "VA_DATABASE_URL";
  public static final String POSTGRES_HOST = "POSTGRES_HOST";
  public static final String POSTGRES_PORT = "POSTGRES_PORT";
  public static final String POSTGRES_DB = "POSTGRES_DB";
  public static final String POSTGRES_USER = "POSTGRES_USER";
  public static final String POSTGRES_PASSWORD = "POSTGRES_PASSWORD";
  public static final String VA_DATA_DIR = "VA_DATA_DIR";
  public static final String VA_WORKER_THREADS = "VA_WORKER_THREADS";
  public static final String VA_WORKER_QUEUES = "VA_WORKER_QUEUES";
  public static final String VA_SCHEDULER = "VA_SCHEDULER";
  public static final String VA_EMBEDDED_PG_PORT = "VA_EMBEDDED_PG_PORT";
  public static final String VA_REDIS_URL = "VA_REDIS_URL";
  public static final String REDIS_HOST = "REDIS_HOST";
  public static final String REDIS_PORT = "REDIS_PORT";
  public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
  public static final String OPENAI_MODEL = "OPENAI_MODEL";
  public static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
  public static final String GMAIL_CLIENT_ID = "GMAIL_CLIENT_ID";
  public static final String GMAIL_CLIENT_SECRET = "GMAIL_CLIENT_SECRET";
  public static final String GMAIL_API_ROOT_URL = "GMAIL_API_ROOT_URL";
  public static final String GOOGLE_AUTH_URL = "GOOGLE_AUTH_URL";
  public static final String GOOGLE_TOKEN_URL = "GOOGLE_TOKEN_URL";
  public static final String MICROSOFT_CLIENT_ID = "MICROSOFT_CLIENT_ID";
  public static final String MICROSOFT_CLIENT_SECRET = "MICROSOFT_CLIENT_SECRET";
  public static final String MICROSOFT_TENANT = "MICROSOFT_TENANT";
  public static final String MICROSOFT_AUTH_URL = "MICROSOFT_AUTH_URL";
  public static final String MICROSOFT_TOKEN_URL = "MICROSOFT_TOKEN_URL";
  public static final String MICROSOFT_IMAP_SERVER = "MICROSOFT_IMAP_SERVER";
  public static final String MICROSOFT_SMTP_SERVER = "MICROSOFT_SMTP_SERVER";
  public static final String ENCRYPTION_KEY = "ENCRYPTION_KEY";
  public static final String SECRET_KEY = "SECRET_KEY";
  public static final String VA_LOG_LEVEL = "VA_LOG_LEVEL";
  public static final String VA_CLASSIFIER_MODEL = "VA_CLASSIFIER_MODEL";
  public static final String VA_WEBHOOK_SECRET = "VA_WEBHOOK_SECRET";
  public static final String VA_WEBHOOK_ALLOW_PRIVATE = "VA_WEBHOOK_ALLOW_PRIVATE";
  public static final String MAIL_IMAP_IDLE = "MAIL_IMAP_IDLE";
  public static final String MAIL_TLS_TRUST_FILE = "MAIL_TLS_TRUST_FILE";
  public static final String MAIL_TLS_TRUST_PASSWORD = "MAIL_TLS_TRUST_PASSWORD";

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8000;
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
  public static final long MIN_REQUEST_BYTES = 1024;
  public static final long MAX_REQUEST_BYTES = 1024L * 1024 * 1024;
  public static final String DEFAULT_DATA_DIR = "./va-data";
  public static final int DEFAULT_POSTGRES_PORT = 5432;
  public static final String DEFAULT_POSTGRES_DB = "va";
  public static final String DEFAULT_POSTGRES_USER = "postgres";
  public static final int DEFAULT_REDIS_PORT = 6379;
  public static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
  public static final String DEFAULT_MICROSOFT_TENANT = "common";
  public static final int MIN_SECRET_KEY_LENGTH = 32;
  public static final int MIN_WEBHOOK_SECRET_LENGTH = 32;
  static final int DEFAULT_WORKER_THREADS = 4;

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:%\\-\\[\\]]{1,253}");
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:\\-]{1,100}");
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9.\\-]{1,100}");

  private final Map<String, String> env;

  private ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  /** @throws ConfigException naming the first variable that is wrong */
  public static VaConfig load(Map<String, String> env) {
    return new ConfigLoader(env).load();
  }

  private VaConfig load() {
    DatabaseConfig database = database();
    SecretsConfig secrets = secrets();
    // Only the embedded mode may generate keys: with a shared database, every instance must use the same ones.
    if (database instanceof DatabaseConfig.External) {
      if (secrets.encryptionKeys().isEmpty()) {
        throw new ConfigException(ENCRYPTION_KEY, "required with an external database (only the embedded mode generates one)");
      }
      if (secrets.secretKey().isEmpty()) {
        throw new ConfigException(SECRET_KEY, "required with an external database (only the embedded mode generates one)");
      }
    }
    return new VaConfig(api(), dataDir(), database, queue(), worker(), openAi(), gmail(), microsoft(), secrets,
        logLevel(), triage(), mail());
  }

  private ApiConfig api() {
    String host = value(API_HOST).orElse(DEFAULT_HOST);
    if (!HOST.matcher(host).matches()) throw new ConfigException(API_HOST, "must be a host name or IP address, got " + quoted(host));
    int port = integer(API_PORT, 1, 65_535).orElse(DEFAULT_PORT);
    long maxRequestBytes = number(VA_MAX_REQUEST_BYTES, MIN_REQUEST_BYTES, MAX_REQUEST_BYTES).orElse(DEFAULT_MAX_REQUEST_BYTES);
    URI publicUrl = value(VA_PUBLIC_URL).map(ConfigLoader::publicUrl)
        .orElseGet(() -> URI.create("http://" + hostForUrl(host) + ":" + port));
    return new ApiConfig(host, port, maxRequestBytes, corsOrigins(), publicUrl);
  }

  /** An http(s) URL with a host and maybe a path (a proxy's prefix), without the trailing slash. */
  private static URI publicUrl(String text) {
    URI uri = httpUrl(VA_PUBLIC_URL, text);
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new ConfigException(VA_PUBLIC_URL, "must be a base URL like https://va.example.com, without query, "
          + "fragment or user, got " + quoted(text));
    }
    String trimmed = uri.toString().replaceAll("/+$", "");
    return URI.create(trimmed);
  }

  /** An absolute http:// or https:// URL with a host. */
  private static URI httpUrl(String name, String text) {
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return uri;
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigException(name, "must be an http:// or https:// URL with a host, got " + quoted(text));
  }

  private List<String> corsOrigins() {
    List<String> origins = new ArrayList<>();
    for (String origin : list(VA_CORS_ORIGINS)) {
      if (!isOrigin(origin)) {
        throw new ConfigException(VA_CORS_ORIGINS, quoted(origin) + " is not an origin like https://app.example.com");
      }
      origins.add(origin);
    }
    return origins;
  }

  private static boolean isOrigin(String text) {
    try {
      URI uri = new URI(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null && uri.getRawUserInfo() == null
          && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
          && uri.getRawQuery() == null && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** VA_DATABASE_URL, else POSTGRES_HOST and friends, else an embedded database. */
  private DatabaseConfig database() {
    Optional<String> url = value(VA_DATABASE_URL);
    if (url.isPresent()) return databaseUrl(url.get());
    Optional<String> host = value(POSTGRES_HOST);
    if (host.isEmpty()) {
      for (String dependent : List.of(POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD)) {
        if (value(dependent).isPresent()) {
          throw new ConfigException(POSTGRES_HOST, "required when " + dependent + " is set (or use " + VA_DATABASE_URL + ")");
        }
      }
      return embedded();
    }
    if (!HOST.matcher(host.get()).matches()) {
      throw new ConfigException(POSTGRES_HOST, "must be a host name or IP address, got " + quoted(host.get()));
    }
    int port = integer(POSTGRES_PORT, 1, 65_535).orElse(DEFAULT_POSTGRES_PORT);
    String db = value(POSTGRES_DB).orElse(DEFAULT_POSTGRES_DB);
    if (!db.matches("[A-Za-z0-9_\\-]{1,63}")) {
      throw new ConfigException(POSTGRES_DB, "must be 1 to 63 letters, digits, '_' or '-', got " + quoted(db));
    }
    return new DatabaseConfig.External("jdbc:postgresql://" + hostForUrl(host.get()) + ":" + port + "/" + db,
        value(POSTGRES_USER).orElse(DEFAULT_POSTGRES_USER), value(POSTGRES_PASSWORD).orElse(null));
  }

  private static DatabaseConfig databaseUrl(String url) {
    if (url.startsWith("jdbc:postgresql://")) {
      if (url.length() == "jdbc:postgresql://".length()) {
        throw new ConfigException(VA_DATABASE_URL, "must name a host after jdbc:postgresql://");
      }
      return new DatabaseConfig.External(url, null, null);
    }
    String problem = "must be a jdbc:postgresql:// or postgres:// URL with a host and a database";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException(VA_DATABASE_URL, problem); // the value may hold a password: not repeated
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!("postgres".equals(uri.getScheme()) || "postgresql".equals(uri.getScheme()))
        || uri.getHost() == null || path.length() < 2) {
      throw new ConfigException(VA_DATABASE_URL, problem);
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = percentDecode(parts[0]);
      password = parts.length == 2 ? percentDecode(parts[1]) : null;
    }
    int port = uri.getPort() == -1 ? DEFAULT_POSTGRES_PORT : uri.getPort();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new DatabaseConfig.External(
        "jdbc:postgresql://" + hostForUrl(uri.getHost()) + ":" + port + path + query, user, password);
  }

  private DatabaseConfig embedded() {
    return new DatabaseConfig.Embedded(dataDir(), integer(VA_EMBEDDED_PG_PORT, 0, 65_535).orElse(0));
  }

  private Path dataDir() {
    String dir = value(VA_DATA_DIR).orElse(DEFAULT_DATA_DIR);
    try {
      return Path.of(dir).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ConfigException(VA_DATA_DIR, "is not a valid path, got " + quoted(dir));
    }
  }

  private WorkerConfig worker() {
    int threads = integer(VA_WORKER_THREADS, 0, 256).orElse(DEFAULT_WORKER_THREADS);
    List<String> queues = value(VA_WORKER_QUEUES).map(v -> list(VA_WORKER_QUEUES)).orElse(List.of("default"));
    for (String queue : queues) {
      if (!queue.matches("[A-Za-z0-9._-]{1,100}")) {
        throw new ConfigException(VA_WORKER_QUEUES, "queue names are 1 to 100 letters, digits, '.', '_' or '-', got "
            + quoted(queue));
      }
    }
    if (queues.isEmpty()) throw new ConfigException(VA_WORKER_QUEUES, "must name at least one queue");
    return new WorkerConfig(threads, queues, bool(VA_SCHEDULER, true));
  }

  /** VA_REDIS_URL, else REDIS_HOST/REDIS_PORT, else in-process. */
  private QueueConfig queue() {
    Optional<String> url = value(VA_REDIS_URL);
    if (url.isPresent()) {
      try {
        URI uri = new URI(url.get());
        if (("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null) {
          return new QueueConfig.Redis(withDefaultPort(uri));
        }
      } catch (URISyntaxException e) {
        // reported below without the value, which may hold a password
      }
      throw new ConfigException(VA_REDIS_URL, "must be a redis:// or rediss:// URL with a host");
    }
    Optional<String> host = value(REDIS_HOST);
    if (host.isEmpty()) {
      if (value(REDIS_PORT).isPresent()) throw new ConfigException(REDIS_HOST, "required when " + REDIS_PORT + " is set");
      return new QueueConfig.InProcess();
    }
    if (!HOST.matcher(host.get()).matches()) {
      throw new ConfigException(REDIS_HOST, "must be a host name or IP address, got " + quoted(host.get()));
    }
    int port = integer(REDIS_PORT, 1, 65_535).orElse(DEFAULT_REDIS_PORT);
    return new QueueConfig.Redis(URI.create("redis://" + hostForUrl(host.get()) + ":" + port));
  }

  private static URI withDefaultPort(URI uri) {
    if (uri.getPort() != -1) return uri;
    String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return URI.create(uri.getScheme() + "://" + userInfo + hostForUrl(uri.getHost()) + ":" + DEFAULT_REDIS_PORT
        + path + query);
  }

  private OpenAiConfig openAi() {
    String model = value(OPENAI_MODEL).orElse(DEFAULT_OPENAI_MODEL);
    if (!MODEL.matcher(model).matches()) {
      throw new ConfigException(OPENAI_MODEL,
          "must be 1 to 100 letters, digits, '.', '_', ':' or '-', got " + quoted(model));
    }
    Optional<String> key = value(OPENAI_API_KEY);
    Optional<URI> baseUrl = value(OPENAI_BASE_URL).map(text -> {
      onlyWith(OPENAI_BASE_URL, OPENAI_API_KEY, key);
      URI uri = httpUrl(OPENAI_BASE_URL, text);
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new ConfigException(OPENAI_BASE_URL, "must have no query or fragment, got " + quoted(text));
      }
      return URI.create(uri.toString().replaceAll("/+$", ""));
    });
    return new OpenAiConfig(key, model, baseUrl);
  }

  private Optional<GmailConfig> gmail() {
    Optional<String> id = value(GMAIL_CLIENT_ID);
    Optional<String> secret = value(GMAIL_CLIENT_SECRET);
    if (id.isPresent() && secret.isEmpty()) {
      throw new ConfigException(GMAIL_CLIENT_SECRET, "required when " + GMAIL_CLIENT_ID + " is set");
    }
    if (secret.isPresent() && id.isEmpty()) {
      throw new ConfigException(GMAIL_CLIENT_ID, "required when " + GMAIL_CLIENT_SECRET + " is set");
    }
    Optional<URI> apiRoot = url(GMAIL_API_ROOT_URL, GMAIL_CLIENT_ID, id);
    Optional<URI> auth = url(GOOGLE_AUTH_URL, GMAIL_CLIENT_ID, id);
    Optional<URI> token = url(GOOGLE_TOKEN_URL, GMAIL_CLIENT_ID, id);
    return id.map(clientId -> new GmailConfig(clientId, secret.get(), apiRoot, auth, token));
  }

  private Optional<MicrosoftConfig> microsoft() {
    Optional<String> id = value(MICROSOFT_CLIENT_ID);
    Optional<String> secret = value(MICROSOFT_CLIENT_SECRET);
    if (id.isPresent() && secret.isEmpty()) {
      throw new ConfigException(MICROSOFT_CLIENT_SECRET, "required when " + MICROSOFT_CLIENT_ID + " is set");
    }
    if (secret.isPresent() && id.isEmpty()) {
      throw new ConfigException(MICROSOFT_CLIENT_ID, "required when " + MICROSOFT_CLIENT_SECRET + " is set");
    }
    Optional<String> tenant = value(MICROSOFT_TENANT);
    if (tenant.isPresent()) {
      onlyWith(MICROSOFT_TENANT, MICROSOFT_CLIENT_ID, id);
      if (!TENANT.matcher(tenant.get()).matches()) {
        throw new ConfigException(MICROSOFT_TENANT, "must be common, organizations, consumers or a tenant id "
            + "(letters, digits, '.' or '-'), got " + quoted(tenant.get()));
      }
    }
    Optional<URI> auth = url(MICROSOFT_AUTH_URL, MICROSOFT_CLIENT_ID, id);
    Optional<URI> token = url(MICROSOFT_TOKEN_URL, MICROSOFT_CLIENT_ID, id);
    Optional<ServerEndpoint> imap = server(MICROSOFT_IMAP_SERVER, MICROSOFT_CLIENT_ID, id);
    Optional<ServerEndpoint> smtp = server(MICROSOFT_SMTP_SERVER, MICROSOFT_CLIENT_ID, id);
    return id.map(clientId -> new MicrosoftConfig(tenant.orElse(DEFAULT_MICROSOFT_TENANT), clientId, secret.get(),
        auth, token, imap, smtp));
  }

  /**
   * An optional mail server of an OAuth client's mailboxes, {@code host:port/security} with security {@code tls},
   * {@code starttls} or {@code none}. None sends the access token in clear, so only to a loopback address.
   */
  private Optional<ServerEndpoint> server(String name, String ownerName, Optional<String> owner) {
    Optional<String> text = value(name);
    if (text.isEmpty()) return Optional.empty();
    onlyWith(name, ownerName, owner);
    String problem = "must be host:port/security with security tls, starttls or none, like "
        + "outlook.office365.com:993/tls, got " + quoted(text.get());
    int slash = text.get().lastIndexOf('/');
    int colon = slash < 0 ? -1 : text.get().lastIndexOf(':', slash);
    if (colon <= 0) throw new ConfigException(name, problem);
    String host = text.get().substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    ServerEndpoint.Security security = switch (text.get().substring(slash + 1).toLowerCase(Locale.ROOT)) {
      case "tls" -> ServerEndpoint.Security.TLS;
      case "starttls" -> ServerEndpoint.Security.STARTTLS;
      case "none" -> ServerEndpoint.Security.NONE;
      default -> throw new ConfigException(name, problem);
    };
    int port;
    try {
      port = Integer.parseInt(text.get().substring(colon + 1, slash));
    } catch (NumberFormatException e) {
      throw new ConfigException(name, problem);
    }
    if (host.isEmpty() || !HOST.matcher(host).matches() || port < 1 || port > 65_535) {
      throw new ConfigException(name, problem);
    }
    if (security == ServerEndpoint.Security.NONE && !isLoopback(host)) {
      throw new ConfigException(name, "security none would send access tokens in clear: only for a loopback "
          + "address (127.0.0.1, ::1, localhost), got " + quoted(text.get()));
    }
    return Optional.of(new ServerEndpoint(host, port, security));
  }

  private static boolean isLoopback(String host) {
    return host.equalsIgnoreCase("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
  }

  /** An optional endpoint of an OAuth client, which makes sense only once the client ({@code owner}) is set. */
  private Optional<URI> url(String name, String ownerName, Optional<String> owner) {
    Optional<String> text = value(name);
    if (text.isEmpty()) return Optional.empty();
    onlyWith(name, ownerName, owner);
    URI uri = httpUrl(name, text.get());
    if (uri.getRawFragment() != null) {
      throw new ConfigException(name, "must not have a fragment, got " + quoted(text.get()));
    }
    return Optional.of(uri);
  }

  private static void onlyWith(String name, String ownerName, Optional<String> owner) {
    if (owner.isEmpty()) throw new ConfigException(name, "only used with " + ownerName + ", which is not set");
  }

  private SecretsConfig secrets() {
    List<String> keys = list(ENCRYPTION_KEY);
    for (int i = 0; i < keys.size(); i++) {
      if (!isFernetKey(keys.get(i))) {
        throw new ConfigException(ENCRYPTION_KEY, "key " + (i + 1) + " of " + keys.size()
            + " is not a Fernet key (32 bytes in url-safe base64, 44 characters)");
      }
    }
    Optional<String> secretKey = value(SECRET_KEY);
    if (secretKey.isPresent() && secretKey.get().length() < MIN_SECRET_KEY_LENGTH) {
      throw new ConfigException(SECRET_KEY,
          "must be at least " + MIN_SECRET_KEY_LENGTH + " characters, got " + secretKey.get().length());
    }
    return new SecretsConfig(keys, secretKey);
  }

  private static boolean isFernetKey(String key) {
    try {
      return Base64.getUrlDecoder().decode(key).length == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private TriageConfig triage() {
    Optional<Path> model = value(VA_CLASSIFIER_MODEL).map(text -> {
      try {
        return Path.of(text);
      } catch (InvalidPathException e) {
        throw new ConfigException(VA_CLASSIFIER_MODEL, "is not a valid path, got " + quoted(text));
      }
    });
    Optional<String> secret = value(VA_WEBHOOK_SECRET);
    if (secret.isPresent() && secret.get().length() < MIN_WEBHOOK_SECRET_LENGTH) {
      throw new ConfigException(VA_WEBHOOK_SECRET,
          "must be at least " + MIN_WEBHOOK_SECRET_LENGTH + " characters, got " + secret.get().length());
    }
    return new TriageConfig(model, secret, bool(VA_WEBHOOK_ALLOW_PRIVATE, false));
  }

  private MailConfig mail() {
    Optional<String> password = value(MAIL_TLS_TRUST_PASSWORD);
    Optional<Path> trustFile = value(MAIL_TLS_TRUST_FILE).map(text -> {
      try {
        Path file = Path.of(text).toAbsolutePath().normalize();
        if (Files.isRegularFile(file) && Files.isReadable(file)) return file;
      } catch (InvalidPathException e) {
        // reported below
      }
      throw new ConfigException(MAIL_TLS_TRUST_FILE, "must be a readable file of certificates or a trust store, got "
          + quoted(text));
    });
    if (password.isPresent()) onlyWith(MAIL_TLS_TRUST_PASSWORD, MAIL_TLS_TRUST_FILE, trustFile.map(Path::toString));
    return new MailConfig(bool(MAIL_IMAP_IDLE, false), trustFile, password);
  }

  private LogLevel logLevel() {
    Optional<String> level = value(VA_LOG_LEVEL);
    if (level.isEmpty()) return LogLevel.INFO;
    try {
      return LogLevel.valueOf(level.get().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String allowed = Arrays.stream(LogLevel.values()).map(Enum::name).collect(Collectors.joining(", "));
      throw new ConfigException(VA_LOG_LEVEL, "must be one of " + allowed + ", got " + quoted(level.get()));
    }
  }

  private boolean bool(String name, boolean unset) {
    Optional<String> text = value(name);
    if (text.isEmpty()) return unset;
    return switch (text.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new ConfigException(name, "must be true or false, got " + quoted(text.get()));
    };
  }

  private Optional<String> value(String name) {
    String raw = env.get(name);
    return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
  }

  /** Comma-separated, blanks between commas ignored. */
  private List<String> list(String name) {
    return value(name).stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private Optional<Integer> integer(String name, int min, int max) {
    return number(name, min, max).map(Long::intValue);
  }

  private Optional<Long> number(String name, long min, long max) {
    return value(name).map(text -> {
      try {
        long n = Long.parseLong(text);
        if (n >= min && n <= max) return n;
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new ConfigException(name, "must be an integer between " + min + " and " + max + ", got " + quoted(text));
    });
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static String quoted(String value) {
    return "\"" + value + "\"";
  }

  /** RFC 3986 percent-decoding ('+' stays '+', unlike form decoding). */
  private static String percentDecode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }
}
