package dev.va.adapter.queue.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A redis-server of the test's own on a free port, with an append-only file in a temporary directory so that it keeps
 * its data across {@link #shutdown()} and {@link #start()}. Only this server is ever shut down, never a shared one.
 */
final class PrivateRedis implements AutoCloseable {
  private final int port;
  private final Path dir;
  private Process process;

  PrivateRedis() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    dir = Files.createTempDirectory("va-private-redis-");
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  void start() throws IOException, InterruptedException {
    try {
      process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "yes", "--dir", dir.toString())
          .redirectOutput(dir.resolve("redis.log").toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("redis-server is not on the PATH; the Redis restart test starts its own "
          + "(Debian: apt-get install -y redis-server)", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!answers()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("redis-server did not start on port " + port + ":\n"
            + Files.readString(dir.resolve("redis.log")));
      }
      Thread.sleep(20);
    }
  }

  /** SHUTDOWN through redis-cli, as an operator would: the append-only file is synced first. */
  void shutdown() throws IOException, InterruptedException {
    Process cli = new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "shutdown").redirectErrorStream(true)
        .start();
    cli.waitFor(10, TimeUnit.SECONDS);
    if (!process.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException("redis-server did not shut down");
  }

  private boolean answers() {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write("PING\r\n".getBytes());
      byte[] reply = new byte[7];
      return socket.getInputStream().read(reply) > 0 && new String(reply).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
