package dev.va.adapter.mail.imap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of an IMAP server to play what GreenMail cannot: a server without IDLE, one that drops connections,
 * one that goes silent during an IDLE. It accepts any LOGIN and records the passwords, answers EXAMINE/SELECT of an
 * empty INBOX with the current UIDNEXT, and sends {@code + idling} to IDLE.
 */
final class ScriptedImapServer implements AutoCloseable {
  private static final Pattern TOKEN = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)");

  private final ServerSocket listener;
  private final boolean idle;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<String> passwords = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private volatile long uidNext = 1;
  private volatile boolean silent;
  private volatile int idling;

  ScriptedImapServer(boolean idle) throws IOException {
    this.idle = idle;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    start(this::accept, "scripted-imap-accept");
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Passwords of every LOGIN so far, in order. */
  List<String> logins() {
    return List.copyOf(passwords);
  }

  /** Connections now in IDLE. */
  int idling() {
    return idling;
  }

  /** Mail came while nobody watched: the next EXAMINE shows a higher UIDNEXT. */
  void receivedMeanwhile() {
    uidNext++;
  }

  /** From now on, a client ending an IDLE gets no answer, ever. */
  void goSilent() {
    silent = true;
  }

  /** Drops every connection, as a restarting server or a broken network would. */
  void dropConnections() {
    for (Socket socket : new ArrayList<>(open)) closeQuietly(socket);
  }

  @Override
  public void close() throws IOException {
    listener.close();
    dropConnections();
    for (Thread thread : threads) {
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void start(Runnable work, String name) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        open.add(socket);
        start(() -> serve(socket), "scripted-imap-connection");
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private String capabilities() {
    return "IMAP4rev1" + (idle ? " IDLE" : "");
  }

  private void serve(Socket socket) {
    try (socket) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      send(out, "* OK [CAPABILITY " + capabilities() + "] scripted server ready");
      String line;
      while ((line = in.readLine()) != null) {
        List<String> words = tokens(line);
        if (words.size() < 2) continue;
        String tag = words.get(0);
        switch (words.get(1).toUpperCase()) {
          case "CAPABILITY" -> send(out, "* CAPABILITY " + capabilities(), tag + " OK done");
          case "LOGIN" -> {
            passwords.add(words.get(3));
            send(out, tag + " OK [CAPABILITY " + capabilities() + "] logged in");
          }
          case "EXAMINE", "SELECT" -> send(out, "* 0 EXISTS", "* 0 RECENT", "* OK [UIDVALIDITY 1] ok",
              "* OK [UIDNEXT " + uidNext + "] ok", tag + " OK [READ-ONLY] done");
          case "IDLE" -> {
            send(out, "+ idling");
            idling++;
            String done;
            try {
              done = in.readLine();
            } finally {
              idling--;
            }
            if (done == null || silent) {
              while (in.readLine() != null) {
                // a silent server reads on and answers nothing until the client goes away
              }
              return;
            }
            send(out, tag + " OK IDLE terminated");
          }
          case "LOGOUT" -> {
            send(out, "* BYE bye", tag + " OK done");
            return;
          }
          case "NOOP", "CLOSE" -> send(out, tag + " OK done");
          default -> send(out, tag + " BAD unknown command");
        }
      }
    } catch (IOException e) {
      // the client or the test dropped the connection
    } finally {
      open.remove(socket);
    }
  }

  private static List<String> tokens(String line) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(line);
    while (m.find()) tokens.add(m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2));
    return tokens;
  }

  private static void send(OutputStream out, String... lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : lines) text.append(line).append("\r\n");
    out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // gone either way
    }
  }
}
