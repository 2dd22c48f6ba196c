package dev.va.adapter.persistence;

import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset paging: queries fetch one row more than the page holds ({@link #fetchSize}), and only when that extra row
 * exists does the page get a cursor, so the last page never points at an empty one.
 */
final class Pages {
  private Pages() {}

  /** The position after which the page starts, or null for the first page; a malformed cursor is refused. */
  static Cursor after(PageRequest request) {
    return request.cursor() == null ? null : Cursor.decode(request.cursor());
  }

  static int fetchSize(PageRequest request) {
    return request.limit() + 1;
  }

  static <R, T> Page<T> of(List<R> rows, PageRequest request, Function<R, Instant> at, Function<R, UUID> id,
      Function<R, T> toDomain) {
    boolean more = rows.size() > request.limit();
    List<R> kept = more ? rows.subList(0, request.limit()) : rows;
    String next = null;
    if (more) {
      R last = kept.get(kept.size() - 1);
      next = new Cursor(at.apply(last), id.apply(last)).encode();
    }
    return new Page<>(kept.stream().map(toDomain).toList(), next);
  }
}
