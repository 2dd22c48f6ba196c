package dev.va.adapter.mail.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a multipart body at its boundary lines, tolerating a missing final boundary and boundary look-alikes. */
final class Multipart {
  private Multipart() {}

  /** The [start, end) ranges of the parts; empty when no delimiter line occurs. */
  static List<int[]> split(byte[] buf, int start, int end, String boundary, Warnings warnings) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<int[]> parts = new ArrayList<>();
    int partStart = -1;
    int pos = start;
    while (pos < end) {
      int kind = delimiter(buf, pos, end, delimiter);
      if (kind != 0) {
        if (partStart >= 0) parts.add(new int[] {partStart, beforeLineBreak(buf, partStart, pos)});
        if (kind == 2) return parts;
        partStart = HeaderParser.nextLine(buf, pos, end);
      }
      pos = HeaderParser.nextLine(buf, pos, end);
    }
    if (partStart >= 0) {
      warnings.add("multipart has no closing boundary; its last part runs to the end");
      parts.add(new int[] {partStart, end});
    }
    return parts;
  }

  /** The boundary of the first line that looks like a delimiter ({@code --token}), or null. */
  static String guessBoundary(byte[] buf, int start, int end) {
    for (int pos = start; pos < end; pos = HeaderParser.nextLine(buf, pos, end)) {
      int lineEnd = HeaderParser.lineEnd(buf, pos, end);
      if (lineEnd - pos > 3 && buf[pos] == '-' && buf[pos + 1] == '-' && buf[pos + 2] > ' ') {
        String line = new String(buf, pos + 2, lineEnd - pos - 2, StandardCharsets.ISO_8859_1).strip();
        if (line.endsWith("--")) line = line.substring(0, line.length() - 2);
        return line.isEmpty() || line.length() > 200 ? null : line;
      }
    }
    return null;
  }

  /** 0: not a delimiter line; 1: a part delimiter; 2: the closing delimiter. */
  private static int delimiter(byte[] buf, int pos, int end, byte[] delimiter) {
    if (end - pos < delimiter.length) return 0;
    for (int i = 0; i < delimiter.length; i++) {
      if (buf[pos + i] != delimiter[i]) return 0;
    }
    int after = pos + delimiter.length;
    if (after + 1 < end && buf[after] == '-' && buf[after + 1] == '-') return 2;
    // "--foo" must not match a line "--foobar" of another part's boundary
    return after == end || buf[after] == '\r' || buf[after] == '\n' || buf[after] == ' ' || buf[after] == '\t' ? 1 : 0;
  }

  /** The line break in front of a delimiter belongs to the delimiter. */
  private static int beforeLineBreak(byte[] buf, int start, int pos) {
    int end = pos;
    if (end > start && buf[end - 1] == '\n') end--;
    if (end > start && buf[end - 1] == '\r') end--;
    return end;
  }
}
