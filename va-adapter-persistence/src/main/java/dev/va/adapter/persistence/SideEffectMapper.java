package dev.va.adapter.persistence;

import java.time.Instant;

/** Statements on {@code side_effects}, in SideEffectMapper.xml. */
interface SideEffectMapper {
  /** A claim lapsed or done past its retention, or the owner's own live claim. */
  record Row(boolean done, String owner, String result, Instant until) {}

  /** Takes the key for {@code owner} unless another's live claim or a retained effect holds it; 1 when taken. */
  int claim(String key, String owner, Instant until, Instant now);

  Row find(String key);

  void markDone(String key, String result, Instant until);

  void release(String key, String owner);

  int purge(Instant now);
}
