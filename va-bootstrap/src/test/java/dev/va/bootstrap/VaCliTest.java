package dev.va.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.va.adapter.web.BuildInfo;
import dev.va.bootstrap.config.DatabaseConfig;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VaCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, UnaryOperator<Module> customize, String... args) {
    CommandLine cli = VaCli.commandLine(env, customize);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private int run(Map<String, String> env, String... args) {
    return run(env, UnaryOperator.identity(), args);
  }

  @Test
  void help_lists_the_commands() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString()).contains("Usage: va").contains("server").contains("migrate").contains("--version");
  }

  @Test
  void version_is_the_build_version() {
    assertThat(run(Map.of(), "--version")).isZero();
    assertThat(out.toString().strip()).isEqualTo("va " + BuildInfo.version());
  }

  @Test
  void no_command_is_a_usage_error() {
    assertThat(run(Map.of())).isEqualTo(2);
    assertThat(err.toString()).contains("a command is required").contains("Usage: va");
  }

  @Test
  void a_config_error_is_one_line_and_exit_2() {
    assertThat(run(Map.of("API_PORT", "abc"), "server")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("va: API_PORT: must be an integer between 1 and 65535, got \"abc\"" + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
    assertThat(run(Map.of("SECRET_KEY", "short"), "migrate")).isEqualTo(2);
    assertThat(err.toString()).endsWith("va: SECRET_KEY: must be at least 32 characters, got 5" + System.lineSeparator());
  }

  /** Stands in for the persistence wiring: proves the command hands the loaded configuration to it. */
  static final class RecordingBootstrap implements DatabaseBootstrap {
    private final DatabaseConfig database;

    @Inject
    RecordingBootstrap(DatabaseConfig database) {
      this.database = database;
    }

    @Override
    public String migrate() {
      return "migrated " + ((DatabaseConfig.External) database).jdbcUrl();
    }
  }

  @Test
  void migrate_runs_the_bound_database_bootstrap_with_the_loaded_configuration() {
    Module persistence = new AbstractModule() {
      @Override
      protected void configure() {
        bind(DatabaseBootstrap.class).to(RecordingBootstrap.class);
      }
    };
    int code = run(Map.of("POSTGRES_HOST", "db.example", "ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "SECRET_KEY", "0123456789abcdefghijklmnopqrstuvwxyz"), m -> Modules.override(m).with(persistence), "migrate");
    assertThat(err.toString()).isEmpty();
    assertThat(code).isZero();
    assertThat(out.toString().strip()).isEqualTo("migrated jdbc:postgresql://db.example:5432/va");
  }
}
