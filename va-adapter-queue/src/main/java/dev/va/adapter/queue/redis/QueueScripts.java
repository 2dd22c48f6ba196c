package dev.va.adapter.queue.redis;

/**
 * The Lua scripts of {@link RedisJobQueue}; each state change of a job is one script, hence atomic. Keys are built
 * inside the scripts from the prefix (ARGV[1]), so the queue needs a single Redis (with replicas if wanted), not a
 * Redis Cluster.
 *
 * <p>Layout under prefix {@code p}: {@code p job:<id>} hash of the job; {@code p ready:<queue>:<priority ordinal>} list
 * of {@code <id>|<ticket>}, FIFO; {@code p delayed} zset of {@code <id>|<ticket>} by due time (epoch micros);
 * {@code p proc:<worker>} set of the worker's job ids; {@code p workers} set of workers that fetched;
 * {@code p hb:<worker>} heartbeat with a TTL; {@code p idem:<key>} id of the job holding an idempotency key;
 * {@code p dead} zset of dead ids by death time; {@code p err:<id>} list of the job's errors (only once it failed);
 * {@code p fetched:<worker>} the worker's last fetch (see {@link #FETCH}).
 * Whenever a job becomes ready, a message on channel {@code p wake} tells waiting fetchers.
 *
 * <p>Job hash fields: {@code d} the fields that never change, packed by {@link RedisJobQueue} and opaque to the
 * scripts; {@code q} the ready list suffix {@code <queue>:<priority ordinal>}; {@code m} max attempts; {@code k} the
 * idempotency key (absent when none); {@code s} status; {@code a} attempts; {@code r} run-at; {@code g} progress
 * (absent means 0); {@code e} last error; {@code t0} started; {@code t1} finished; {@code w} worker while running;
 * {@code c} cancellation requested; {@code tk} ticket; {@code v} revision, one more at every state change (absent
 * means 0; see {@code Job#revision}). Few, short fields keep each script's Redis calls cheap. Times
 * in the hash are epoch nanoseconds (text); zset scores are epoch microseconds, which a double holds exactly. A job
 * gets a new ticket whenever it is scheduled, so entries left behind by a cancel or a reschedule are skipped when
 * popped instead of being searched for.
 */
final class QueueScripts {
  private QueueScripts() {}

  /** Hash fields a job is read back from, after its id: {@link RedisJobQueue} parses them in this order. */
  static final String[] STATE = {"d", "s", "a", "r", "g", "e", "t0", "t1", "v"};

  static final int MAX_ERRORS = 20;

  private static final String COMMON = """
      local P = ARGV[1]
      local STATE = {'d','s','a','r','g','e','t0','t1','v'}
      local function jk(id) return P .. 'job:' .. id end
      local function bump(id) return redis.call('HINCRBY', jk(id), 'v', 1) end
      local function fields(id)
        local f = redis.call('HMGET', jk(id), unpack(STATE))
        table.insert(f, 1, id)
        return f
      end
      local function waiting(status) return status == 'QUEUED' or status == 'FAILED' end
      local function owns(id, worker, attempts)
        local f = redis.call('HMGET', jk(id), 's', 'w', 'a')
        return f[1] == 'RUNNING' and f[2] == worker and f[3] == attempts
      end
      local function releaseKey(id)
        local key = redis.call('HGET', jk(id), 'k')
        if key and redis.call('GET', P .. 'idem:' .. key) == id then redis.call('DEL', P .. 'idem:' .. key) end
      end
      local function forget(id)
        releaseKey(id)
        redis.call('DEL', jk(id), P .. 'err:' .. id)
      end
      local function addError(id, e)
        redis.call('RPUSH', P .. 'err:' .. id, e)
        redis.call('LTRIM', P .. 'err:' .. id, -%d, -1)
      end
      local woken = false
      local function wake()
        if not woken then
          redis.call('PUBLISH', P .. 'wake', '1')
          woken = true
        end
      end
      local function schedule(id, due, now, front)
        local tk = redis.call('HINCRBY', jk(id), 'tk', 1)
        local member = id .. '|' .. tk
        if tonumber(due) > tonumber(now) then
          redis.call('ZADD', P .. 'delayed', due, member)
        else
          local list = P .. 'ready:' .. redis.call('HGET', jk(id), 'q')
          if front then redis.call('LPUSH', list, member) else redis.call('RPUSH', list, member) end
          wake()
        end
      end
      local function cancelNow(id, nowNs)
        redis.call('HSET', jk(id), 's', 'CANCELLED', 't1', nowNs, 'w', '')
        bump(id)
        local r = fields(id)
        forget(id)
        return r
      end
      local function split(member)
        local sep = string.find(member, '|', 1, true)
        return string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
      end
      """.formatted(MAX_ERRORS);

  /** Values per job in {@link #ENQUEUE}'s arguments. */
  static final int ENQUEUE_WIDTH = 13;

  /**
   * ARGV: prefix, now micros, then per job: id, d, q, m, k, a, r, g, e, t0, t1 ('' for none), due micros (0 when due),
   * v ('' for 0).
   * Returns per job {} when queued, else the fields of the job that holds its id or idempotency key.
   */
  static final String ENQUEUE = COMMON + """
      local now = tonumber(ARGV[2])
      local out, pushes, lists = {}, {}, {}
      for b = 3, #ARGV, 13 do
        local id, key = ARGV[b], ARGV[b + 4]
        local existing = nil
        if redis.call('EXISTS', jk(id)) == 1 then existing = id end
        if not existing and key ~= '' then
          local holder = redis.call('GET', P .. 'idem:' .. key)
          if holder then
            local status = redis.call('HGET', jk(holder), 's')
            if waiting(status) or status == 'RUNNING' then existing = holder end
          end
        end
        if existing then
          out[#out + 1] = fields(existing)
        else
          local h = {'d', ARGV[b + 1], 'q', ARGV[b + 2], 'm', ARGV[b + 3], 's', 'QUEUED', 'a', ARGV[b + 5],
                     'r', ARGV[b + 6], 'tk', 1}
          if key ~= '' then
            redis.call('SET', P .. 'idem:' .. key, id)
            h[#h + 1] = 'k'
            h[#h + 1] = key
          end
          -- a job enqueued again after a release or a failure keeps what it had
          for i, name in ipairs({'g', 'e', 't0', 't1'}) do
            local v = ARGV[b + 6 + i]
            if v ~= '' then
              h[#h + 1] = name
              h[#h + 1] = v
            end
          end
          if ARGV[b + 12] ~= '' then
            h[#h + 1] = 'v'
            h[#h + 1] = ARGV[b + 12]
          end
          redis.call('HSET', jk(id), unpack(h))
          local member, due = id .. '|1', ARGV[b + 11]
          if tonumber(due) > now then
            redis.call('ZADD', P .. 'delayed', due, member)
          else
            local list = P .. 'ready:' .. ARGV[b + 2]
            if not pushes[list] then
              pushes[list] = {}
              lists[#lists + 1] = list
            end
            table.insert(pushes[list], member)
          end
          out[#out + 1] = {}
        end
      end
      for _, list in ipairs(lists) do redis.call('RPUSH', list, unpack(pushes[list])) end
      if #lists > 0 then wake() end
      return out
      """;

  /**
   * ARGV: prefix, worker, now micros, now nanos, max, heartbeat TTL ms, fetch id, queues... Promotes due delayed jobs,
   * then moves up to max ready jobs, highest priority first, into the worker's processing set. Returns their fields.
   *
   * <p>The ids taken are remembered under the fetch id for a heartbeat TTL: when the client sends the same fetch again
   * (Lettuce resends a command whose reply a lost connection swallowed; {@link RedisJobQueue} retries a fetch that
   * failed without an answer under its id), it gets those jobs back, still its own, instead of taking new ones and
   * leaving the first ones owned by a worker that never saw them.
   */
  static final String FETCH = COMMON + """
      local worker, now, nowNs, max, fetchId = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[7]
      local memoKey = P .. 'fetched:' .. worker
      local memo = redis.call('GET', memoKey)
      if memo then
        local sep = string.find(memo, '|', 1, true)
        if string.sub(memo, 1, sep - 1) == fetchId then
          local again = {}
          for id in string.gmatch(string.sub(memo, sep + 1), '[^,]+') do
            local f = redis.call('HMGET', jk(id), 'd', 's', 'a', 'r', 'g', 'e', 't0', 't1', 'w', 'v')
            if f[2] == 'RUNNING' and f[9] == worker then
              again[#again + 1] = {id, f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[10]}
            end
          end
          return again
        end
      end
      local due = redis.call('ZRANGEBYSCORE', P .. 'delayed', '-inf', now, 'LIMIT', 0, 1000)
      for _, member in ipairs(due) do
        redis.call('ZREM', P .. 'delayed', member)
        local id, tk = split(member)
        local f = redis.call('HMGET', jk(id), 'q', 'tk')
        if f[1] and f[2] == tk then redis.call('RPUSH', P .. 'ready:' .. f[1], member) end
      end
      redis.call('SET', P .. 'hb:' .. worker, '1', 'PX', ARGV[6])
      redis.call('SADD', P .. 'workers', worker)
      local out, taken = {}, {}
      for prio = 0, 2 do
        for q = 8, #ARGV do
          local list = P .. 'ready:' .. ARGV[q] .. ':' .. prio
          while #out < max do
            local members = redis.call('LPOP', list, max - #out)
            if not members then break end
            for _, member in ipairs(members) do
              local id, tk = split(member)
              local k = jk(id)
              local f = redis.call('HMGET', k, 'd', 's', 'a', 'r', 'g', 'e', 't1', 'tk', 'v')
              if waiting(f[2]) and f[8] == tk then
                local attempts = tonumber(f[3]) + 1
                -- the revision is raised in the same call, not a HINCRBY more: this is the hot path
                local v = tostring((tonumber(f[9]) or 0) + 1)
                if f[7] and f[7] ~= '' then
                  redis.call('HSET', k, 's', 'RUNNING', 'a', attempts, 't0', nowNs, 'w', worker, 'v', v, 't1', '')
                else
                  redis.call('HSET', k, 's', 'RUNNING', 'a', attempts, 't0', nowNs, 'w', worker, 'v', v)
                end
                out[#out + 1] = {id, f[1], 'RUNNING', tostring(attempts), f[4], f[5], f[6], nowNs, false, v}
                taken[#taken + 1] = id
              end
            end
          end
        end
      end
      if #taken > 0 then
        redis.call('SADD', P .. 'proc:' .. worker, unpack(taken))
        redis.call('SET', memoKey, fetchId .. '|' .. table.concat(taken, ','), 'PX', ARGV[6])
      end
      return out
      """;

  /**
   * ARGV: prefix, then per delivery: id, worker, attempts. Returns per delivery 1 when acked, 0 when it no longer
   * owned the job.
   */
  static final String ACK = COMMON + """
      local out, done, owned, workers, acked = {}, {}, {}, {}, {}
      for b = 2, #ARGV, 3 do
        local id, worker = ARGV[b], ARGV[b + 1]
        local f = redis.call('HMGET', jk(id), 's', 'w', 'a', 'k', 'e')
        if f[1] == 'RUNNING' and f[2] == worker and f[3] == ARGV[b + 2] and not acked[id] then
          acked[id] = true
          if f[4] then
            local key = P .. 'idem:' .. f[4]
            if redis.call('GET', key) == id then redis.call('DEL', key) end
          end
          done[#done + 1] = jk(id)
          -- only a job that failed before has errors kept
          if f[5] then done[#done + 1] = P .. 'err:' .. id end
          if not owned[worker] then
            owned[worker] = {}
            workers[#workers + 1] = worker
          end
          table.insert(owned[worker], id)
          out[#out + 1] = 1
        else
          out[#out + 1] = 0
        end
      end
      for _, worker in ipairs(workers) do redis.call('SREM', P .. 'proc:' .. worker, unpack(owned[worker])) end
      if #done > 0 then redis.call('DEL', unpack(done)) end
      return out
      """;

  /** ARGV: prefix, id, worker, attempts, now nanos. The handler stopped on request: the job ends cancelled. */
  static final String STOPPED = COMMON + """
      local id, worker = ARGV[2], ARGV[3]
      if not owns(id, worker, ARGV[4]) then return {} end
      redis.call('SREM', P .. 'proc:' .. worker, id)
      return cancelNow(id, ARGV[5])
      """;

  /**
   * ARGV: prefix, id, worker, attempts, now micros, now nanos, error, retry nanos ('' buries the job), retry micros.
   * Returns the job FAILED (waiting for its retry), DEAD, or CANCELLED when its cancellation was requested.
   */
  static final String FAIL = COMMON + """
      local id, worker, now, nowNs, err, retryNs = ARGV[2], ARGV[3], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
      if not owns(id, worker, ARGV[4]) then return {} end
      redis.call('SREM', P .. 'proc:' .. worker, id)
      local f = redis.call('HMGET', jk(id), 'c', 'a', 'm')
      if f[1] == '1' then return cancelNow(id, nowNs) end
      bump(id)
      addError(id, err)
      if retryNs ~= '' and tonumber(f[2]) < tonumber(f[3]) then
        redis.call('HSET', jk(id), 's', 'FAILED', 'e', err, 'r', retryNs, 't1', nowNs, 'w', '')
        schedule(id, ARGV[9], now, false)
      else
        redis.call('HSET', jk(id), 's', 'DEAD', 'e', err, 't1', nowNs, 'w', '')
        redis.call('ZADD', P .. 'dead', now, id)
        releaseKey(id)
      end
      return fields(id)
      """;

  /** ARGV: prefix, id, worker, attempts, now micros, now nanos, due nanos, due micros. Back to the queue, undone. */
  static final String RELEASE = COMMON + """
      local id, worker = ARGV[2], ARGV[3]
      if not owns(id, worker, ARGV[4]) then return {} end
      redis.call('SREM', P .. 'proc:' .. worker, id)
      local f = redis.call('HMGET', jk(id), 'c', 'a')
      if f[1] == '1' then return cancelNow(id, ARGV[6]) end
      bump(id)
      local attempts = math.max(0, tonumber(f[2]) - 1)
      redis.call('HSET', jk(id), 's', 'QUEUED', 'a', attempts, 'r', ARGV[7], 't0', '', 't1', '', 'w', '')
      schedule(id, ARGV[8], ARGV[5], true)
      return fields(id)
      """;

  /** ARGV: prefix, id, worker, attempts, percent. 1 when recorded. */
  static final String PROGRESS = COMMON + """
      if not owns(ARGV[2], ARGV[3], ARGV[4]) then return 0 end
      redis.call('HSET', jk(ARGV[2]), 'g', ARGV[5])
      return 1
      """;

  /** ARGV: prefix, id, now nanos. Cancels a waiting job, flags a running one; {} otherwise. */
  static final String CANCEL = COMMON + """
      local id = ARGV[2]
      local f = redis.call('HMGET', jk(id), 's', 'tk')
      if f[1] == 'RUNNING' then
        redis.call('HSET', jk(id), 'c', '1')
        return fields(id)
      end
      if not waiting(f[1]) then return {} end
      redis.call('ZREM', P .. 'delayed', id .. '|' .. f[2])
      return cancelNow(id, ARGV[3])
      """;

  /** ARGV: prefix, id, now micros, now nanos. */
  static final String REDRIVE = COMMON + """
      local id = ARGV[2]
      if redis.call('ZREM', P .. 'dead', id) == 0 then return {} end
      redis.call('HSET', jk(id), 's', 'QUEUED', 'a', 0, 'r', ARGV[4], 'g', 0, 't0', '', 't1', '', 'w', '')
      bump(id)
      local key = redis.call('HGET', jk(id), 'k')
      if key then
        local holder = redis.call('GET', P .. 'idem:' .. key)
        local status = holder and redis.call('HGET', jk(holder), 's')
        if not (waiting(status) or status == 'RUNNING') then redis.call('SET', P .. 'idem:' .. key, id) end
      end
      schedule(id, ARGV[3], ARGV[3], false)
      return fields(id)
      """;

  /**
   * ARGV: prefix, now micros, now nanos. For every worker without a live heartbeat, files its jobs as failed attempts
   * due now (dead on their last attempt). Returns the fields of the jobs it took back, in their new state.
   */
  static final String REAP = COMMON + """
      local now, nowNs = ARGV[2], ARGV[3]
      local reaped = {}
      for _, worker in ipairs(redis.call('SMEMBERS', P .. 'workers')) do
        if redis.call('EXISTS', P .. 'hb:' .. worker) == 0 then
          for _, id in ipairs(redis.call('SMEMBERS', P .. 'proc:' .. worker)) do
            local f = redis.call('HMGET', jk(id), 's', 'w', 'c', 'a', 'm')
            if f[1] == 'RUNNING' and f[2] == worker then
              if f[3] == '1' then
                reaped[#reaped + 1] = cancelNow(id, nowNs)
              else
                local err = 'worker ' .. worker .. ' stopped heartbeating'
                bump(id)
                addError(id, err)
                if tonumber(f[4]) >= tonumber(f[5]) then
                  redis.call('HSET', jk(id), 's', 'DEAD', 'e', err, 't1', nowNs, 'w', '')
                  redis.call('ZADD', P .. 'dead', now, id)
                  releaseKey(id)
                else
                  redis.call('HSET', jk(id), 's', 'FAILED', 'e', err, 'r', nowNs, 't1', nowNs, 'w', '')
                  schedule(id, now, now, false)
                end
                reaped[#reaped + 1] = fields(id)
              end
            end
          end
          redis.call('DEL', P .. 'proc:' .. worker)
          redis.call('SREM', P .. 'workers', worker)
        end
      end
      return reaped
      """;

  /** ARGV: prefix, limit. Newest dead jobs first, each as {fields, errors}. */
  static final String DEAD_LETTERS = COMMON + """
      local out = {}
      for _, id in ipairs(redis.call('ZREVRANGE', P .. 'dead', 0, tonumber(ARGV[2]) - 1)) do
        out[#out + 1] = {fields(id), redis.call('LRANGE', P .. 'err:' .. id, 0, -1)}
      end
      return out
      """;
}
