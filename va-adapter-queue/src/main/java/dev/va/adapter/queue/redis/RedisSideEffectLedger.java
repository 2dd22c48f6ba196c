package dev.va.adapter.queue.redis;

import dev.va.application.port.out.SideEffectLedger;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Side-effect ledger on Redis: one hash per key ({@code <prefix>effect:<key>}) holding a claim (owner, lease end by
 * the {@link Clock}) or a done record (result), each changed by one Lua script. Redis expires a claim's hash a while
 * after its lease (housekeeping only: the lease itself is judged by the clock) and a done record after
 * {@code retention}.
 */
public final class RedisSideEffectLedger implements SideEffectLedger {
  private static final RedisScript CLAIM = new RedisScript("""
      local f = redis.call('HMGET', KEYS[1], 'state', 'owner', 'until', 'result')
      if f[1] == 'D' then return {'DONE', f[4]} end
      if f[1] == 'C' and f[2] ~= ARGV[1] and tonumber(f[3]) > tonumber(ARGV[2]) then return {'BUSY'} end
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], 'state', 'C', 'owner', ARGV[1], 'until', ARGV[3])
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      return {'GRANTED'}
      """);
  private static final RedisScript DONE = new RedisScript("""
      redis.call('DEL', KEYS[1])
      if ARGV[2] == '1' then
        redis.call('HSET', KEYS[1], 'state', 'D', 'result', ARGV[3])
      else
        redis.call('HSET', KEYS[1], 'state', 'D')
      end
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      return 1
      """);
  private static final RedisScript RELEASE = new RedisScript("""
      local f = redis.call('HMGET', KEYS[1], 'state', 'owner')
      if f[1] == 'C' and f[2] == ARGV[1] then redis.call('DEL', KEYS[1]) end
      return 1
      """);
  /** Extra real time a claim's hash lives past its lease, so clocks running slightly apart cannot cut a lease short. */
  private static final Duration CLAIM_HOUSEKEEPING_MARGIN = Duration.ofMinutes(1);

  private final RedisCommands<String, String> redis;
  private final String prefix;
  private final Clock clock;
  private final Duration retention;

  public RedisSideEffectLedger(StatefulRedisConnection<String, String> connection, String keyPrefix, Clock clock,
      Duration retention) {
    this.redis = connection.sync();
    this.prefix = keyPrefix;
    this.clock = clock;
    this.retention = retention;
  }

  @Override
  public Claim claim(String key, String owner, Duration lease) {
    long now = RedisJobQueue.floorMicros(clock.instant());
    long until = RedisJobQueue.floorMicros(clock.instant().plus(lease));
    List<Object> reply = CLAIM.runWithKeys(redis, ScriptOutputType.MULTI, keys(key), owner, Long.toString(now),
        Long.toString(until), Long.toString(lease.plus(CLAIM_HOUSEKEEPING_MARGIN).toMillis()));
    Status status = Status.valueOf((String) reply.get(0));
    return new Claim(status, reply.size() > 1 ? (String) reply.get(1) : null);
  }

  @Override
  public void markDone(String key, String result) {
    DONE.runWithKeys(redis, ScriptOutputType.INTEGER, keys(key), Long.toString(retention.toMillis()),
        result == null ? "0" : "1", result == null ? "" : result);
  }

  @Override
  public void release(String key, String owner) {
    RELEASE.runWithKeys(redis, ScriptOutputType.INTEGER, keys(key), owner);
  }

  private String[] keys(String key) {
    return new String[] {prefix + "effect:" + key};
  }
}
