package dev.va.adapter.mail.mime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parse warnings of one message: deduplicated, in order, bounded so a pathological message cannot flood them. */
final class Warnings {
  static final int MAX = 50;

  private final Set<String> items = new LinkedHashSet<>();
  private int dropped;

  void add(String warning) {
    if (items.contains(warning)) return;
    if (items.size() < MAX) {
      items.add(warning);
    } else {
      dropped++;
    }
  }

  List<String> list() {
    List<String> out = new ArrayList<>(items);
    if (dropped > 0) out.add(dropped + " more warnings omitted");
    return out;
  }
}
