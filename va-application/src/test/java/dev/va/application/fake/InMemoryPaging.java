package dev.va.application.fake;

import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Keyset paging over an in-memory list, with the order and cursors every store shares. */
final class InMemoryPaging {
  private InMemoryPaging() {}

  /** (time desc, id desc), ids compared as {@link Cursor#compareIds} does. */
  static <T> Comparator<T> newestFirst(Function<T, Instant> at, Function<T, UUID> id) {
    Comparator<T> byTime = Comparator.comparing(at);
    Comparator<T> byId = (a, b) -> Cursor.compareIds(id.apply(a), id.apply(b));
    return byTime.thenComparing(byId).reversed();
  }

  /** One page of {@code rows}, which must already be newest first. */
  static <T> Page<T> page(List<T> rows, PageRequest request, Function<T, Instant> at, Function<T, UUID> id) {
    Cursor after = request.cursor() == null ? null : Cursor.decode(request.cursor());
    List<T> rest = rows.stream()
        .filter(row -> after == null || after.precedes(at.apply(row), id.apply(row)))
        .toList();
    if (rest.size() <= request.limit()) return new Page<>(rest, null);
    List<T> items = rest.subList(0, request.limit());
    T last = items.get(items.size() - 1);
    return new Page<>(items, new Cursor(at.apply(last), id.apply(last)).encode());
  }
}
