package dev.va.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.mail.ServerEndpoint.Security;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
  /** A Fernet key: 32 bytes in url-safe base64. */
  private static final String KEY_A = "3q2-7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=";
  private static final String KEY_B = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz";

  /** Loads {@code pairs}; an external database gets keys unless the pairs name them, as it requires both. */
  private static VaConfig load(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
    if (env.containsKey("VA_DATABASE_URL") || env.containsKey("POSTGRES_HOST")) {
      env.putIfAbsent("ENCRYPTION_KEY", KEY_A);
      env.putIfAbsent("SECRET_KEY", SECRET);
    }
    return ConfigLoader.load(env);
  }

  @Test
  void an_external_database_requires_both_keys_while_the_embedded_one_generates_them() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("POSTGRES_HOST", "db", "SECRET_KEY", SECRET)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ENCRYPTION_KEY: required with an external database (only the embedded mode generates one)");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("VA_DATABASE_URL", "postgres://db/va", "ENCRYPTION_KEY", KEY_A)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("SECRET_KEY: required with an external database (only the embedded mode generates one)");
    assertThat(ConfigLoader.load(Map.of()).secrets().encryptionKeys()).isEmpty();
  }

  private static void fails(String message, String... pairs) {
    assertThatThrownBy(() -> load(pairs)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void an_empty_environment_gives_local_embedded_defaults() {
    VaConfig config = load();
    assertThat(config.api()).isEqualTo(new ApiConfig("127.0.0.1", 8000, 1_048_576, List.of(),
        URI.create("http://127.0.0.1:8000")));
    assertThat(config.database()).isEqualTo(new DatabaseConfig.Embedded(Path.of("va-data").toAbsolutePath(), 0));
    assertThat(((DatabaseConfig.Embedded) config.database()).pgDir()).isEqualTo(Path.of("va-data", "pg").toAbsolutePath());
    assertThat(config.queue()).isEqualTo(new QueueConfig.InProcess());
    assertThat(config.openAi()).isEqualTo(new OpenAiConfig(Optional.empty(), "gpt-4o-mini"));
    assertThat(config.gmail()).isEmpty();
    assertThat(config.microsoft()).isEmpty();
    assertThat(config.secrets()).isEqualTo(new SecretsConfig(List.of(), Optional.empty()));
    assertThat(config.logLevel()).isEqualTo(LogLevel.INFO);
  }

  @Test
  void blank_values_count_as_unset_and_values_are_trimmed() {
    VaConfig config = load("API_PORT", "  ", "API_HOST", " 0.0.0.0 ", "REDIS_HOST", "");
    assertThat(config.api().port()).isEqualTo(8000);
    assertThat(config.api().host()).isEqualTo("0.0.0.0");
    assertThat(config.queue()).isEqualTo(new QueueConfig.InProcess());
  }

  @Test
  void api_settings_are_read() {
    VaConfig config = load("API_HOST", "::1", "API_PORT", "8123", "VA_MAX_REQUEST_BYTES", "2048",
        "VA_CORS_ORIGINS", "https://app.example.com, http://localhost:3000,");
    assertThat(config.api()).isEqualTo(new ApiConfig("::1", 8123, 2048,
        List.of("https://app.example.com", "http://localhost:3000"), URI.create("http://[::1]:8123")));
    assertThat(config.api().toWebSettings().corsOrigins()).containsExactly("https://app.example.com", "http://localhost:3000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "65536", "-1", "80.5", "99999999999"})
  void api_port_must_be_a_port(String value) {
    fails("API_PORT: must be an integer between 1 and 65535, got \"" + value + "\"", "API_PORT", value);
  }

  @Test
  void api_host_must_look_like_a_host() {
    fails("API_HOST: must be a host name or IP address, got \"my host\"", "API_HOST", "my host");
    fails("API_HOST: must be a host name or IP address, got \"a/b\"", "API_HOST", "a/b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1023", "1073741825", "1MB"})
  void max_request_bytes_is_bounded(String value) {
    fails("VA_MAX_REQUEST_BYTES: must be an integer between 1024 and 1073741824, got \"" + value + "\"",
        "VA_MAX_REQUEST_BYTES", value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"app.example.com", "ftp://x.example", "https://x.example/path", "*", "https://u@x.example"})
  void cors_origins_must_be_origins(String value) {
    fails("VA_CORS_ORIGINS: \"" + value + "\" is not an origin like https://app.example.com", "VA_CORS_ORIGINS", value);
  }

  @Test
  void database_url_in_postgres_form_becomes_jdbc_with_decoded_credentials() {
    assertThat(load("VA_DATABASE_URL", "postgres://va:p%40ss%3Aw+rd@db.example:6543/va_prod?sslmode=require").database())
        .isEqualTo(new DatabaseConfig.External("jdbc:postgresql://db.example:6543/va_prod?sslmode=require", "va", "p@ss:w+rd"));
    assertThat(load("VA_DATABASE_URL", "postgresql://db.example/va").database())
        .isEqualTo(new DatabaseConfig.External("jdbc:postgresql://db.example:5432/va", null, null));
  }

  @Test
  void database_url_in_jdbc_form_is_used_as_is_and_wins_over_postgres_variables() {
    String url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    assertThat(load("VA_DATABASE_URL", url, "POSTGRES_HOST", "ignored", "POSTGRES_DB", "ignored").database())
        .isEqualTo(new DatabaseConfig.External(url, null, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mysql://u:secret@h/db", "postgres://u:secret@/db", "postgres://u:secret@h", "postgres://u:secret@h/",
      "jdbc:postgresql://", "not a url at all secret"})
  void database_url_must_be_postgres_and_is_never_echoed(String value) {
    assertThatThrownBy(() -> load("VA_DATABASE_URL", value))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("VA_DATABASE_URL: must ")
        .message().doesNotContain("secret");
  }

  @Test
  void postgres_variables_build_the_url_with_defaults() {
    assertThat(load("POSTGRES_HOST", "db", "POSTGRES_PASSWORD", "pw").database())
        .isEqualTo(new DatabaseConfig.External("jdbc:postgresql://db:5432/va", "postgres", "pw"));
    assertThat(load("POSTGRES_HOST", "db", "POSTGRES_PORT", "5433", "POSTGRES_DB", "assistant", "POSTGRES_USER", "va").database())
        .isEqualTo(new DatabaseConfig.External("jdbc:postgresql://db:5433/assistant", "va", null));
  }

  @ParameterizedTest
  @CsvSource({"POSTGRES_PORT,5432", "POSTGRES_DB,va", "POSTGRES_USER,va", "POSTGRES_PASSWORD,pw"})
  void postgres_variables_without_a_host_are_an_error(String variable, String value) {
    fails("POSTGRES_HOST: required when " + variable + " is set (or use VA_DATABASE_URL)", variable, value);
  }

  @Test
  void postgres_variables_are_validated() {
    fails("POSTGRES_PORT: must be an integer between 1 and 65535, got \"x\"", "POSTGRES_HOST", "db", "POSTGRES_PORT", "x");
    fails("POSTGRES_DB: must be 1 to 63 letters, digits, '_' or '-', got \"a;b\"", "POSTGRES_HOST", "db", "POSTGRES_DB", "a;b");
    fails("POSTGRES_HOST: must be a host name or IP address, got \"d b\"", "POSTGRES_HOST", "d b");
  }

  @Test
  void embedded_database_settings_are_read() {
    assertThat(load("VA_DATA_DIR", "/tmp/va-test/../va-x", "VA_EMBEDDED_PG_PORT", "15432").database())
        .isEqualTo(new DatabaseConfig.Embedded(Path.of("/tmp/va-x"), 15432));
    fails("VA_EMBEDDED_PG_PORT: must be an integer between 0 and 65535, got \"any\"", "VA_EMBEDDED_PG_PORT", "any");
    fails("VA_DATA_DIR: is not a valid path, got \"a\0b\"", "VA_DATA_DIR", "a\0b");
  }

  @Test
  void redis_from_url_or_host_and_port() {
    assertThat(load("VA_REDIS_URL", "redis://:pw@cache.example:6380/2").queue())
        .isEqualTo(new QueueConfig.Redis(URI.create("redis://:pw@cache.example:6380/2")));
    assertThat(load("VA_REDIS_URL", "rediss://cache.example").queue())
        .isEqualTo(new QueueConfig.Redis(URI.create("rediss://cache.example:6379")));
    assertThat(load("REDIS_HOST", "127.0.0.1").queue()).isEqualTo(new QueueConfig.Redis(URI.create("redis://127.0.0.1:6379")));
    assertThat(load("REDIS_HOST", "cache", "REDIS_PORT", "7000").queue()).isEqualTo(new QueueConfig.Redis(URI.create("redis://cache:7000")));
    assertThat(load("VA_REDIS_URL", "redis://a:1", "REDIS_HOST", "b").queue()).isEqualTo(new QueueConfig.Redis(URI.create("redis://a:1")));
  }

  @Test
  void redis_settings_are_validated_without_echoing_urls() {
    fails("VA_REDIS_URL: must be a redis:// or rediss:// URL with a host", "VA_REDIS_URL", "http://:secret@cache");
    fails("VA_REDIS_URL: must be a redis:// or rediss:// URL with a host", "VA_REDIS_URL", "redis:// secret");
    fails("REDIS_HOST: required when REDIS_PORT is set", "REDIS_PORT", "6379");
    fails("REDIS_PORT: must be an integer between 1 and 65535, got \"0\"", "REDIS_HOST", "cache", "REDIS_PORT", "0");
    fails("REDIS_HOST: must be a host name or IP address, got \"a b\"", "REDIS_HOST", "a b");
  }

  @Test
  void queue_config_does_not_print_the_password() {
    assertThat(load("VA_REDIS_URL", "redis://:hunter2@cache:6379").queue().toString()).doesNotContain("hunter2");
  }

  @Test
  void openai_settings() {
    assertThat(load("OPENAI_API_KEY", "sk-test", "OPENAI_MODEL", "gpt-4.1-mini").openAi())
        .isEqualTo(new OpenAiConfig(Optional.of("sk-test"), "gpt-4.1-mini"));
    assertThat(load("OPENAI_API_KEY", "sk-test").openAi().toString()).doesNotContain("sk-test");
    fails("OPENAI_MODEL: must be 1 to 100 letters, digits, '.', '_', ':' or '-', got \"gpt 4\"", "OPENAI_MODEL", "gpt 4");
  }

  @Test
  void openai_base_url_points_the_client_at_a_compatible_server() {
    assertThat(load("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", "http://127.0.0.1:9000/v1/").openAi().baseUrl())
        .contains(URI.create("http://127.0.0.1:9000/v1"));
    assertThat(load("OPENAI_API_KEY", "sk-test").openAi().baseUrl()).isEmpty();
    fails("OPENAI_BASE_URL: must be an http:// or https:// URL with a host, got \"ftp://models\"",
        "OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", "ftp://models");
    fails("OPENAI_BASE_URL: only used with OPENAI_API_KEY, which is not set", "OPENAI_BASE_URL",
        "http://127.0.0.1:9000/v1");
  }

  @Test
  void the_public_url_is_where_browsers_reach_the_api() {
    assertThat(load("VA_PUBLIC_URL", "https://va.example.com/").api().publicUrl())
        .isEqualTo(URI.create("https://va.example.com"));
    assertThat(load("VA_PUBLIC_URL", "https://example.com/va//", "API_PORT", "9000").api().publicUrl())
        .isEqualTo(URI.create("https://example.com/va"));
    assertThat(load("API_HOST", "0.0.0.0", "API_PORT", "9000").api().publicUrl())
        .isEqualTo(URI.create("http://0.0.0.0:9000"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"va.example.com", "ftp://va.example.com", "https://", "https://va.example.com/?a=b",
      "https://u@va.example.com", "https://va.example.com/#top"})
  void the_public_url_is_an_http_base_url(String value) {
    assertThatThrownBy(() -> load("VA_PUBLIC_URL", value)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("VA_PUBLIC_URL: must be ").hasMessageContaining(value);
  }

  @Test
  void gmail_endpoints_may_be_overridden() {
    GmailConfig gmail = load("GMAIL_CLIENT_ID", "id", "GMAIL_CLIENT_SECRET", "s",
        "GMAIL_API_ROOT_URL", "http://127.0.0.1:9001/", "GOOGLE_AUTH_URL", "https://auth.test/o/auth",
        "GOOGLE_TOKEN_URL", "http://127.0.0.1:9001/token").gmail().orElseThrow();

    assertThat(gmail).isEqualTo(new GmailConfig("id", "s", Optional.of(URI.create("http://127.0.0.1:9001/")),
        Optional.of(URI.create("https://auth.test/o/auth")), Optional.of(URI.create("http://127.0.0.1:9001/token"))));
    assertThat(gmail.toString()).doesNotContain("=s,").contains("clientSecret=***");
    fails("GOOGLE_TOKEN_URL: must be an http:// or https:// URL with a host, got \"token\"",
        "GMAIL_CLIENT_ID", "id", "GMAIL_CLIENT_SECRET", "s", "GOOGLE_TOKEN_URL", "token");
    fails("GMAIL_API_ROOT_URL: only used with GMAIL_CLIENT_ID, which is not set",
        "GMAIL_API_ROOT_URL", "http://127.0.0.1:9001/");
  }

  @Test
  void microsoft_needs_an_id_and_a_secret_and_defaults_to_the_common_tenant() {
    assertThat(load("MICROSOFT_CLIENT_ID", "app", "MICROSOFT_CLIENT_SECRET", "pw").microsoft())
        .contains(new MicrosoftConfig("common", "app", "pw"));
    assertThat(load("MICROSOFT_CLIENT_ID", "app", "MICROSOFT_CLIENT_SECRET", "pw",
        "MICROSOFT_TENANT", "contoso.example", "MICROSOFT_AUTH_URL", "http://127.0.0.1:9002/authorize", "MICROSOFT_TOKEN_URL", "http://127.0.0.1:9002/token")
        .microsoft()).contains(new MicrosoftConfig("contoso.example", "app", "pw",
            Optional.of(URI.create("http://127.0.0.1:9002/authorize")),
            Optional.of(URI.create("http://127.0.0.1:9002/token")), Optional.empty(), Optional.empty()));
    assertThat(load("MICROSOFT_CLIENT_ID", "app", "MICROSOFT_CLIENT_SECRET", "pw").microsoft().orElseThrow()
        .toString()).doesNotContain("pw");
    fails("MICROSOFT_CLIENT_SECRET: required when MICROSOFT_CLIENT_ID is set", "MICROSOFT_CLIENT_ID", "app");
    fails("MICROSOFT_CLIENT_ID: required when MICROSOFT_CLIENT_SECRET is set", "MICROSOFT_CLIENT_SECRET", "pw");
    fails("MICROSOFT_TENANT: only used with MICROSOFT_CLIENT_ID, which is not set", "MICROSOFT_TENANT", "common");
    fails("MICROSOFT_TENANT: must be common, organizations, consumers or a tenant id (letters, digits, '.' or '-'), "
        + "got \"a/b\"", "MICROSOFT_CLIENT_ID", "app", "MICROSOFT_CLIENT_SECRET", "pw", "MICROSOFT_TENANT", "a/b");
    fails("MICROSOFT_TOKEN_URL: only used with MICROSOFT_CLIENT_ID, which is not set",
        "MICROSOFT_TOKEN_URL", "http://127.0.0.1:9002/token");
  }

  @Test
  void outlook_mailboxes_may_be_at_other_servers_than_exchange_online() {
    MicrosoftConfig national = load("MICROSOFT_CLIENT_ID", "app", "MICROSOFT_CLIENT_SECRET", "pw",
        "MICROSOFT_IMAP_SERVER", "outlook.office365.us:993/tls", "MICROSOFT_SMTP_SERVER", "smtp.office365.us:587/STARTTLS")
        .microsoft().orElseThrow();
    assertThat(national.imapServer()).contains(new ServerEndpoint("outlook.office365.us", 993, Security.TLS));
    assertThat(national.smtpServer()).contains(new ServerEndpoint("smtp.office365.us", 587, Security.STARTTLS));
    MicrosoftConfig gateway = load("MICROSOFT_CLIENT_ID", "app", "MICROSOFT_CLIENT_SECRET", "pw",
        "MICROSOFT_IMAP_SERVER", "127.0.0.1:1143/none", "MICROSOFT_SMTP_SERVER", "[::1]:1025/none")
        .microsoft().orElseThrow();
    assertThat(gateway.imapServer()).contains(new ServerEndpoint("127.0.0.1", 1143, Security.NONE));
    assertThat(gateway.smtpServer()).contains(new ServerEndpoint("::1", 1025, Security.NONE));

    String format = "must be host:port/security with security tls, starttls or none, like "
        + "outlook.office365.com:993/tls, got ";
    for (String bad : List.of("outlook.office365.us", "outlook.office365.us:993", "outlook.office365.us/tls",
        ":993/tls", "outlook.office365.us:0/tls", "outlook.office365.us:imap/tls", "outlook.office365.us:993/ssl",
        "bad host:993/tls")) {
      fails("MICROSOFT_IMAP_SERVER: " + format + "\"" + bad + "\"",
          "MICROSOFT_CLIENT_ID", "app", "MICROSOFT_CLIENT_SECRET", "pw", "MICROSOFT_IMAP_SERVER", bad);
    }
    fails("MICROSOFT_SMTP_SERVER: security none would send access tokens in clear: only for a loopback address "
        + "(127.0.0.1, ::1, localhost), got \"smtp.example.com:25/none\"",
        "MICROSOFT_CLIENT_ID", "app", "MICROSOFT_CLIENT_SECRET", "pw", "MICROSOFT_SMTP_SERVER", "smtp.example.com:25/none");
    fails("MICROSOFT_IMAP_SERVER: only used with MICROSOFT_CLIENT_ID, which is not set",
        "MICROSOFT_IMAP_SERVER", "outlook.office365.us:993/tls");
  }

  @Test
  void gmail_needs_both_or_neither() {
    assertThat(load("GMAIL_CLIENT_ID", "id", "GMAIL_CLIENT_SECRET", "s").gmail()).contains(new GmailConfig("id", "s"));
    fails("GMAIL_CLIENT_SECRET: required when GMAIL_CLIENT_ID is set", "GMAIL_CLIENT_ID", "id");
    fails("GMAIL_CLIENT_ID: required when GMAIL_CLIENT_SECRET is set", "GMAIL_CLIENT_SECRET", "s");
  }

  @Test
  void encryption_keys_are_fernet_keys_in_order() {
    assertThat(load("ENCRYPTION_KEY", KEY_A + " , " + KEY_B).secrets().encryptionKeys()).containsExactly(KEY_A, KEY_B);
    assertThat(load("ENCRYPTION_KEY", KEY_A).secrets().toString()).doesNotContain(KEY_A);
  }

  @Test
  void an_encryption_key_that_is_not_32_url_safe_bytes_is_named_by_position_not_value() {
    String shortKey = "c2hvcnQ=";
    String standardAlphabet = KEY_A.replace('-', '+');
    fails("ENCRYPTION_KEY: key 2 of 2 is not a Fernet key (32 bytes in url-safe base64, 44 characters)",
        "ENCRYPTION_KEY", KEY_A + "," + shortKey);
    fails("ENCRYPTION_KEY: key 1 of 1 is not a Fernet key (32 bytes in url-safe base64, 44 characters)",
        "ENCRYPTION_KEY", standardAlphabet);
    fails("ENCRYPTION_KEY: key 1 of 1 is not a Fernet key (32 bytes in url-safe base64, 44 characters)",
        "ENCRYPTION_KEY", "not base64 at all!");
  }

  @Test
  void secret_key_needs_32_characters() {
    assertThat(load("SECRET_KEY", "k".repeat(32)).secrets().secretKey()).contains("k".repeat(32));
    fails("SECRET_KEY: must be at least 32 characters, got 31", "SECRET_KEY", "k".repeat(31));
  }

  @Test
  void log_level_is_one_of_the_known_levels_in_any_case() {
    assertThat(load("VA_LOG_LEVEL", "debug").logLevel()).isEqualTo(LogLevel.DEBUG);
    fails("VA_LOG_LEVEL: must be one of TRACE, DEBUG, INFO, WARN, ERROR, got \"loud\"", "VA_LOG_LEVEL", "loud");
  }

  @Test
  void database_config_does_not_print_the_password() {
    assertThat(load("POSTGRES_HOST", "db", "POSTGRES_PASSWORD", "hunter2").database().toString()).doesNotContain("hunter2");
  }

  @Test
  void triage_settings() {
    assertThat(load().triage()).isEqualTo(TriageConfig.defaults());
    assertThat(load("VA_CLASSIFIER_MODEL", "/srv/va/model.bin", "VA_WEBHOOK_SECRET", SECRET,
        "VA_WEBHOOK_ALLOW_PRIVATE", "yes").triage())
        .isEqualTo(new TriageConfig(Optional.of(Path.of("/srv/va/model.bin")), Optional.of(SECRET), true));
    assertThat(load("VA_WEBHOOK_SECRET", SECRET).triage().toString()).doesNotContain(SECRET);
    fails("VA_WEBHOOK_SECRET: must be at least 32 characters, got 5", "VA_WEBHOOK_SECRET", "short");
    fails("VA_WEBHOOK_ALLOW_PRIVATE: must be true or false, got \"maybe\"", "VA_WEBHOOK_ALLOW_PRIVATE", "maybe");
  }
  @Test
  void mail_settings_default_to_polling_and_the_jdk_trust_store() {
    assertThat(load().mail()).isEqualTo(MailConfig.defaults());
    assertThat(load("MAIL_IMAP_IDLE", "true").mail().imapIdle()).isTrue();
    assertThat(load("MAIL_IMAP_IDLE", "off").mail().imapIdle()).isFalse();
    fails("MAIL_IMAP_IDLE: must be true or false, got \"sometimes\"", "MAIL_IMAP_IDLE", "sometimes");
    fails("VA_SCHEDULER: must be true or false, got \"maybe\"", "VA_SCHEDULER", "maybe");
  }

  @Test
  void a_tls_trust_file_must_be_readable_and_its_password_needs_it(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("ca.pem"), "certificates");

    MailConfig mail = load("MAIL_TLS_TRUST_FILE", file.toString(), "MAIL_TLS_TRUST_PASSWORD", "store-secret").mail();

    assertThat(mail.tlsTrustFile()).contains(file.toAbsolutePath());
    assertThat(mail.tlsTrustPassword()).contains("store-secret");
    assertThat(mail.toString()).doesNotContain("store-secret");
    String missing = dir.resolve("missing.pem").toString();
    fails("MAIL_TLS_TRUST_FILE: must be a readable file of certificates or a trust store, got \"" + missing + "\"",
        "MAIL_TLS_TRUST_FILE", missing);
    fails("MAIL_TLS_TRUST_FILE: must be a readable file of certificates or a trust store, got \"" + dir + "\"",
        "MAIL_TLS_TRUST_FILE", dir.toString());
    fails("MAIL_TLS_TRUST_PASSWORD: only used with MAIL_TLS_TRUST_FILE, which is not set",
        "MAIL_TLS_TRUST_PASSWORD", "store-secret");
  }
}
