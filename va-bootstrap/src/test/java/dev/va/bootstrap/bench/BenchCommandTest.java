package dev.va.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.bootstrap.VaCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = VaCli.commandLine(Map.of(), UnaryOperator.identity());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void theQueueBenchmarkIsACommandOfVa() {
    assertThat(run("bench", "queue", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: va bench queue").contains("--jobs").contains("--no-celery")
        .contains("VA_REDIS_URL").contains("VA_DATABASE_URL");
  }

  @Test
  void benchAloneAsksForABenchmark() {
    assertThat(run("bench")).isEqualTo(2);
    assertThat(err.toString()).contains("a benchmark is required").contains("queue");
  }

  @Test
  void theHistoryGoesToVaDatabaseUrlInEitherFormElseTheLocalTestDatabase() {
    assertThat(new QueueBenchCommand(Map.of()).database()).isEqualTo(
        new QueueBenchCommand.Database("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
    assertThat(new QueueBenchCommand(Map.of("VA_DATABASE_URL", "postgres://va:s%40cret@db.example/va?sslmode=require"))
        .database()).isEqualTo(new QueueBenchCommand.Database(
            "jdbc:postgresql://db.example:5432/va?sslmode=require", "va", "s@cret"));
    assertThat(new QueueBenchCommand(Map.of("VA_DATABASE_URL", "jdbc:postgresql://h:5433/x", "POSTGRES_USER", "me"))
        .database()).isEqualTo(new QueueBenchCommand.Database("jdbc:postgresql://h:5433/x", "me", ""));
  }
}
