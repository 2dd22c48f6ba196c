package dev.va.adapter.mail.mime;

/**
 * Bounds that keep one hostile or broken message from costing more than a bounded amount of memory and time.
 *
 * @param maxMessageBytes a larger message is stored with its headers only
 * @param maxDepth deepest MIME nesting (multiparts and attached messages) that is walked
 * @param maxHeaderBytes all header fields of one part together; fields past it are dropped
 * @param maxHeaderFieldBytes one header field (unfolded); a longer one is cut
 */
public record MimeLimits(long maxMessageBytes, int maxDepth, int maxHeaderBytes, int maxHeaderFieldBytes) {
  public static final long DEFAULT_MAX_MESSAGE_BYTES = 25L * 1024 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 20;
  public static final int DEFAULT_MAX_HEADER_BYTES = 256 * 1024;
  public static final int DEFAULT_MAX_HEADER_FIELD_BYTES = 16 * 1024;

  public MimeLimits {
    if (maxMessageBytes < 1024) throw new IllegalArgumentException("maxMessageBytes must be at least 1024");
    if (maxDepth < 1 || maxDepth > 200) throw new IllegalArgumentException("maxDepth must be between 1 and 200");
    if (maxHeaderFieldBytes < 256) throw new IllegalArgumentException("maxHeaderFieldBytes must be at least 256");
    if (maxHeaderBytes < maxHeaderFieldBytes) {
      throw new IllegalArgumentException("maxHeaderBytes must be at least maxHeaderFieldBytes");
    }
  }

  public static MimeLimits defaults() {
    return new MimeLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_HEADER_BYTES,
        DEFAULT_MAX_HEADER_FIELD_BYTES);
  }
}
