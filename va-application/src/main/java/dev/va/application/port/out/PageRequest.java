package dev.va.application.port.out;

import dev.va.domain.shared.Require;

/** A page of a list: at most {@code limit} items after the opaque {@code cursor} (null: from the start). */
public record PageRequest(int limit, String cursor) {
  public static final int MAX_LIMIT = 200;

  public PageRequest {
    Require.range(limit, 1, MAX_LIMIT, "limit");
  }

  public static PageRequest first(int limit) {
    return new PageRequest(limit, null);
  }
}
