package dev.va.application.port.out;

import dev.va.domain.shared.DomainValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset position in a list ordered by (time desc, id desc). Encoded as an opaque URL-safe string so every
 * repository implementation pages the same way and clients cannot depend on its shape.
 */
public record Cursor(Instant at, UUID id) {

  public String encode() {
    String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  public static Cursor decode(String text) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":", 3);
      return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
          UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw new DomainValidationException("cursor", "cursor is not valid");
    }
  }

  /** True when a row at (at, id) comes after this cursor in (time desc, id desc) order. */
  public boolean precedes(Instant rowAt, UUID rowId) {
    int byTime = rowAt.compareTo(at);
    return byTime < 0 || (byTime == 0 && compareIds(rowId, id) < 0);
  }

  /**
   * Order of ids in every list: unsigned, byte by byte, as PostgreSQL compares uuid values. {@link UUID#compareTo}
   * compares signed halves and would disagree for ids whose first bit is set.
   */
  public static int compareIds(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
