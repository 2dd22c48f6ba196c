package dev.va.adapter.mail.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Raw messages from local files, for offline triage: a single message file (.eml), an mbox file (From_ separated,
 * {@code >From} unescaped, mboxrd style), a Maildir (its {@code cur} and {@code new}), or a directory holding any of
 * these (recursively, in name order). Messages are streamed: an mbox of any size is read one message at a time.
 * Close the stream to release open files.
 */
public final class MailSources {
  private static final byte[] FROM_ = {'F', 'r', 'o', 'm', ' '};

  /**
   * Told about a file, directory or mbox that could not be read (or not to its end), where it occurs in the
   * stream; the stream then goes on with the next one.
   */
  @FunctionalInterface
  public interface Unreadable {
    void report(String source, IOException error);
  }

  /** Ends the stream with the first read error, as an {@link UncheckedIOException}. */
  public static final Unreadable FAIL = (source, error) -> {
    throw new UncheckedIOException(source + ": " + error.getMessage(), error);
  };

  private MailSources() {}

  public static Stream<RawMessage> read(Path path) throws IOException {
    return read(path, MimeLimits.DEFAULT_MAX_MESSAGE_BYTES);
  }

  /** Messages over {@code maxMessageBytes} keep only their first {@link MimeIngest#OVERSIZE_PREFIX_BYTES} bytes. */
  public static Stream<RawMessage> read(Path path, long maxMessageBytes) throws IOException {
    return read(path, maxMessageBytes, FAIL);
  }

  /**
   * Like {@link #read(Path, long)}, but what cannot be read below {@code path} goes to {@code unreadable} instead of
   * ending the stream.
   *
   * @throws IOException when {@code path} itself is neither a directory nor a regular file
   */
  public static Stream<RawMessage> read(Path path, long maxMessageBytes, Unreadable unreadable) throws IOException {
    if (Files.isDirectory(path)) return directory(path, path, maxMessageBytes, unreadable);
    if (!Files.isRegularFile(path)) throw new IOException("no such file or directory: " + path);
    String name = path.getFileName().toString();
    try {
      return file(path, name, maxMessageBytes, unreadable);
    } catch (IOException e) {
      unreadable.report(name, e);
      return Stream.empty();
    }
  }

  private static Stream<RawMessage> directory(Path root, Path dir, long max, Unreadable unreadable) {
    if (isMaildir(dir)) {
      return Stream.of("cur", "new")
          .map(dir::resolve)
          .filter(Files::isDirectory)
          .flatMap(sub -> sorted(root, sub, unreadable).stream().filter(Files::isRegularFile))
          .flatMap(file -> single(file, name(root, file), max, unreadable));
    }
    return sorted(root, dir, unreadable).stream()
        .filter(p -> !p.getFileName().toString().startsWith("."))
        .flatMap(p -> {
          if (Files.isDirectory(p)) return directory(root, p, max, unreadable);
          try {
            return file(p, name(root, p), max, unreadable);
          } catch (IOException e) {
            unreadable.report(name(root, p), e);
            return Stream.empty();
          }
        });
  }

  private static boolean isMaildir(Path dir) {
    return Files.isDirectory(dir.resolve("cur")) || Files.isDirectory(dir.resolve("new"));
  }

  private static List<Path> sorted(Path root, Path dir, Unreadable unreadable) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().collect(Collectors.toList());
    } catch (IOException | UncheckedIOException e) {
      unreadable.report(name(root, dir), e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
      return List.of();
    }
  }

  private static String name(Path root, Path file) {
    String relative = root.relativize(file).toString();
    return relative.isEmpty() ? file.getFileName().toString() : relative;
  }

  private static Stream<RawMessage> file(Path file, String name, long max, Unreadable unreadable)
      throws IOException {
    byte[] head = new byte[FROM_.length];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    }
    if (read == FROM_.length && Arrays.equals(head, FROM_)) return mbox(file, name, max, unreadable);
    return single(file, name, max, unreadable);
  }

  private static Stream<RawMessage> single(Path file, String name, long max, Unreadable unreadable) {
    try {
      long size = Files.size(file);
      if (size <= max) return Stream.of(new RawMessage(name, Files.readAllBytes(file), size));
      try (InputStream in = Files.newInputStream(file)) {
        return Stream.of(new RawMessage(name, in.readNBytes(MimeIngest.OVERSIZE_PREFIX_BYTES), size));
      }
    } catch (IOException e) {
      unreadable.report(name, e);
      return Stream.empty();
    }
  }

  private static Stream<RawMessage> mbox(Path file, String name, long max, Unreadable unreadable)
      throws IOException {
    InputStream in = Files.newInputStream(file);
    MboxReader reader;
    try {
      // most mbox files are single messages (a From_ line first): no need for a buffer larger than the file
      reader = new MboxReader(in, name, max, (int) Math.max(4 * 1024, Math.min(64 * 1024, Files.size(file) + 1)));
    } catch (IOException e) {
      in.close();
      throw e;
    }
    Spliterator<RawMessage> messages = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
        Spliterator.ORDERED | Spliterator.NONNULL) {
      @Override
      public boolean tryAdvance(Consumer<? super RawMessage> action) {
        if (!reader.hasNext()) return false;
        RawMessage next;
        try {
          next = reader.readMessage();
        } catch (IOException e) {
          reader.stop();
          unreadable.report(name + "#" + (reader.index + 1), e);
          return false;
        }
        action.accept(next);
        return true;
      }
    };
    return StreamSupport.stream(messages, false).onClose(() -> {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Reads an mbox one line at a time; a From_ line at the start or after an empty line starts a message. */
  static final class MboxReader {
    private final InputStream in;
    private final String name;
    private final long max;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private byte[] line;
    private int index;
    private long size;
    private boolean overflow;

    MboxReader(InputStream in, String name, long max, int bufferSize) throws IOException {
      this.buffer = new byte[bufferSize];
      this.in = in;
      this.name = name;
      this.max = max;
      this.line = readLine();
      while (line != null && !isFromLine(line)) line = readLine(); // junk before the first message
    }

    boolean hasNext() {
      return line != null;
    }

    /** Gives up on the rest of the mbox (after a read error). */
    void stop() {
      line = null;
    }

    RawMessage readMessage() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
      size = 0;
      overflow = false;
      line = readLine(); // past the From_ line
      byte[] pendingEmpty = null;
      while (line != null && !(pendingEmpty != null && isFromLine(line))) {
        if (pendingEmpty != null) write(out, pendingEmpty);
        pendingEmpty = null;
        if (isEmpty(line)) {
          pendingEmpty = line; // the empty line before a From_ line belongs to the separator
        } else {
          write(out, unescape(line));
        }
        line = readLine();
      }
      if (pendingEmpty != null && line == null) write(out, pendingEmpty);
      index++;
      return new RawMessage(name + "#" + index, out.toByteArray(), size);
    }

    /** Counts every byte but keeps only the start of a message that grows over the size limit. */
    private void write(ByteArrayOutputStream out, byte[] bytes) {
      size += bytes.length;
      if (!overflow && out.size() + bytes.length > max) {
        overflow = true;
        if (out.size() > MimeIngest.OVERSIZE_PREFIX_BYTES) {
          byte[] prefix = out.toByteArray();
          out.reset();
          out.write(prefix, 0, MimeIngest.OVERSIZE_PREFIX_BYTES);
        }
      }
      int room = overflow ? MimeIngest.OVERSIZE_PREFIX_BYTES - out.size() : bytes.length;
      if (room > 0) out.write(bytes, 0, Math.min(room, bytes.length));
    }

    private static boolean isFromLine(byte[] line) {
      if (line.length < FROM_.length) return false;
      for (int i = 0; i < FROM_.length; i++) {
        if (line[i] != FROM_[i]) return false;
      }
      return true;
    }

    private static boolean isEmpty(byte[] line) {
      return line.length == 0 || line[0] == '\n' || (line[0] == '\r' && line.length > 1 && line[1] == '\n');
    }

    /** mboxrd: a line of one or more '>' then "From " lost one '>' when it was written. */
    private static byte[] unescape(byte[] line) {
      int i = 0;
      while (i < line.length && line[i] == '>') i++;
      if (i == 0 || line.length - i < FROM_.length) return line;
      for (int k = 0; k < FROM_.length; k++) {
        if (line[i + k] != FROM_[k]) return line;
      }
      return Arrays.copyOfRange(line, 1, line.length);
    }

    /** The next line with its line break, or null at the end. Scans a buffer of its own: no call per byte. */
    private byte[] readLine() throws IOException {
      ByteArrayOutputStream longLine = null; // a line running past the end of the buffer
      while (true) {
        if (pos == limit) {
          int read = in.read(buffer, 0, buffer.length);
          if (read <= 0) return longLine == null || longLine.size() == 0 ? null : longLine.toByteArray();
          pos = 0;
          limit = read;
        }
        int i = pos;
        while (i < limit && buffer[i] != '\n') i++;
        if (i < limit) {
          int start = pos;
          pos = i + 1;
          if (longLine == null) return Arrays.copyOfRange(buffer, start, pos);
          longLine.write(buffer, start, pos - start);
          return longLine.toByteArray();
        }
        if (longLine == null) longLine = new ByteArrayOutputStream(2 * (limit - pos) + 128);
        longLine.write(buffer, pos, limit - pos);
        pos = limit;
      }
    }
  }
}
