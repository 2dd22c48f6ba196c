package dev.va.application.port.out;

import java.util.List;

/** Items of one page and the cursor of the next one ({@code null} on the last page). */
public record Page<T>(List<T> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }
}
