package dev.va.adapter.web.http;

import java.io.IOException;

/** A request body (possibly chunked, so without a Content-Length) went past the configured limit. */
public final class BodyTooLargeException extends IOException {
  public BodyTooLargeException(long maxBytes) {
    super("request body is larger than " + maxBytes + " bytes");
  }
}
