package dev.va.adapter.mail.mime;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
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

  private MailSources() {}

  public static Stream<RawMessage> read(Path path) throws IOException {
    return read(path, MimeLimits.DEFAULT_MAX_MESSAGE_BYTES);
  }

  /** Messages over {@code maxMessageBytes} keep only their first {@link MimeIngest#OVERSIZE_PREFIX_BYTES} bytes. */
  public static Stream<RawMessage> read(Path path, long maxMessageBytes) throws IOException {
    if (Files.isDirectory(path)) return directory(path, path, maxMessageBytes);
    if (!Files.isRegularFile(path)) throw new IOException("no such file or directory: " + path);
    return file(path, path.getFileName().toString(), maxMessageBytes);
  }

  private static Stream<RawMessage> directory(Path root, Path dir, long max) throws IOException {
    if (isMaildir(dir)) {
      return Stream.of("cur", "new")
          .map(dir::resolve)
          .filter(Files::isDirectory)
          .flatMap(sub -> sorted(sub).stream().filter(Files::isRegularFile))
          .flatMap(file -> single(file, name(root, file), max));
    }
    return sorted(dir).stream()
        .filter(p -> !p.getFileName().toString().startsWith("."))
        .flatMap(p -> {
          try {
            return Files.isDirectory(p) ? directory(root, p, max) : file(p, name(root, p), max);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static boolean isMaildir(Path dir) {
    return Files.isDirectory(dir.resolve("cur")) || Files.isDirectory(dir.resolve("new"));
  }

  private static List<Path> sorted(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(Path root, Path file) {
    String relative = root.relativize(file).toString();
    return relative.isEmpty() ? file.getFileName().toString() : relative;
  }

  private static Stream<RawMessage> file(Path file, String name, long max) throws IOException {
    byte[] head = new byte[FROM_.length];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    }
    if (read == FROM_.length && Arrays.equals(head, FROM_)) return mbox(file, name, max);
    return single(file, name, max);
  }

  private static Stream<RawMessage> single(Path file, String name, long max) {
    try {
      long size = Files.size(file);
      if (size <= max) return Stream.of(new RawMessage(name, Files.readAllBytes(file), size));
      try (InputStream in = Files.newInputStream(file)) {
        return Stream.of(new RawMessage(name, in.readNBytes(MimeIngest.OVERSIZE_PREFIX_BYTES), size));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<RawMessage> mbox(Path file, String name, long max) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    MboxIterator iterator = new MboxIterator(in, name, max);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL),
        false).onClose(() -> {
          try {
            in.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Reads an mbox one line at a time; a From_ line at the start or after an empty line starts a message. */
  static final class MboxIterator implements Iterator<RawMessage> {
    private final InputStream in;
    private final String name;
    private final long max;
    private byte[] line;
    private int index;
    private long size;
    private boolean overflow;

    MboxIterator(InputStream in, String name, long max) throws IOException {
      this.in = in;
      this.name = name;
      this.max = max;
      this.line = readLine();
      while (line != null && !isFromLine(line)) line = readLine(); // junk before the first message
    }

    @Override
    public boolean hasNext() {
      return line != null;
    }

    @Override
    public RawMessage next() {
      if (line == null) throw new NoSuchElementException();
      try {
        return readMessage();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private RawMessage readMessage() throws IOException {
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

    /** The next line with its line break, or null at the end. */
    private byte[] readLine() throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
      int b;
      while ((b = in.read()) != -1) {
        buf.write(b);
        if (b == '\n') break;
      }
      return buf.size() == 0 ? null : buf.toByteArray();
    }
  }
}
