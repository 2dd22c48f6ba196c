package dev.va.adapter.mail.mime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Stops a download once it passes a byte limit, so an oversize message is never held whole. */
final class LimitedOutputStream extends FilterOutputStream {
  static final class LimitReached extends IOException {
    LimitReached() {
      super("size limit reached");
    }
  }

  private final long limit;
  private long written;

  LimitedOutputStream(OutputStream out, long limit) {
    super(out);
    this.limit = limit;
  }

  @Override
  public void write(int b) throws IOException {
    if (written >= limit) throw new LimitReached();
    out.write(b);
    written++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int room = (int) Math.min(len, limit - written);
    out.write(b, off, room);
    written += room;
    if (room < len) throw new LimitReached();
  }
}
