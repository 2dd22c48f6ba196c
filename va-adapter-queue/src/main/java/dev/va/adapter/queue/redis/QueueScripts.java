package dev.va.adapter.queue.redis;

/**
 * The Lua scripts of {@link RedisJobQueue}; each state change of a job is one script, hence atomic. Keys are built
 * inside the scripts from the prefix (ARGV[1]), so the queue needs a single Redis (with replicas if wanted), not a
 * Redis Cluster.
 *
 * <p>Layout under prefix {@code p}: {@code p job:<id>} hash of the job (plus {@code worker}, {@code cancel} and the
 * ticket {@code tk}); {@code p ready:<queue>:<priority ordinal>} list of {@code <id>|<ticket>}, FIFO; {@code p delayed}
 * zset of {@code <id>|<ticket>} by due time (epoch micros); {@code p proc:<worker>} set of the worker's job ids;
 * {@code p workers} set of workers that fetched; {@code p hb:<worker>} heartbeat with a TTL; {@code p idem:<key>} id
 * of the job holding an idempotency key; {@code p dead} zset of dead ids by death time; {@code p err:<id>} list of
 * the job's errors. Times in the job hash are epoch nanoseconds (text); zset scores are epoch microseconds, which a
 * double holds exactly. A job gets a new ticket whenever it is scheduled, so entries left behind by a cancel or a
 * reschedule are skipped when popped instead of being searched for.
 */
final class QueueScripts {
  private QueueScripts() {}

  /** Order of the job fields returned by the scripts; {@link RedisJobQueue} parses them back. */
  static final String[] FIELDS = {"id", "user", "type", "queue", "prio", "payload", "status", "attempts", "max",
      "runAt", "idem", "progress", "err", "created", "started", "finished"};

  static final int MAX_ERRORS = 20;

  private static final String COMMON = """
      local P = ARGV[1]
      local FIELDS = {'id','user','type','queue','prio','payload','status','attempts','max','runAt','idem',
                      'progress','err','created','started','finished'}
      local function jk(id) return P .. 'job:' .. id end
      local function fields(id) return redis.call('HMGET', jk(id), unpack(FIELDS)) end
      local function waiting(status) return status == 'QUEUED' or status == 'FAILED' end
      local function owns(id, worker, attempts)
        local f = redis.call('HMGET', jk(id), 'status', 'worker', 'attempts')
        return f[1] == 'RUNNING' and f[2] == worker and f[3] == attempts
      end
      local function releaseKey(id)
        local key = redis.call('HGET', jk(id), 'idem')
        if key and key ~= '' and redis.call('GET', P .. 'idem:' .. key) == id then
          redis.call('DEL', P .. 'idem:' .. key)
        end
      end
      local function forget(id)
        releaseKey(id)
        redis.call('DEL', jk(id), P .. 'err:' .. id)
      end
      local function addError(id, e)
        redis.call('RPUSH', P .. 'err:' .. id, e)
        redis.call('LTRIM', P .. 'err:' .. id, -%d, -1)
      end
      local function schedule(id, due, now, front)
        local tk = redis.call('HINCRBY', jk(id), 'tk', 1)
        local member = id .. '|' .. tk
        if tonumber(due) > tonumber(now) then
          redis.call('ZADD', P .. 'delayed', due, member)
        else
          local f = redis.call('HMGET', jk(id), 'queue', 'prio')
          local list = P .. 'ready:' .. f[1] .. ':' .. f[2]
          if front then redis.call('LPUSH', list, member) else redis.call('RPUSH', list, member) end
        end
      end
      local function cancelNow(id, nowNs)
        redis.call('HSET', jk(id), 'status', 'CANCELLED', 'finished', nowNs, 'worker', '')
        local r = fields(id)
        forget(id)
        return r
      end
      local function split(member)
        local sep = string.find(member, '|', 1, true)
        return string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
      end
      """.formatted(MAX_ERRORS);

  /**
   * ARGV: prefix, now micros, then per job the values of FIELDS and its due micros. Returns per job {} when queued,
   * else the fields of the job that holds its id or idempotency key.
   */
  static final String ENQUEUE = COMMON + """
      local n = #FIELDS
      local now = tonumber(ARGV[2])
      local out, pushes, lists = {}, {}, {}
      for base = 3, #ARGV, n + 1 do
        local id, key = ARGV[base], ARGV[base + 10]
        local existing = nil
        if redis.call('EXISTS', jk(id)) == 1 then existing = id end
        if not existing and key ~= '' then
          local holder = redis.call('GET', P .. 'idem:' .. key)
          if holder then
            local status = redis.call('HGET', jk(holder), 'status')
            if waiting(status) or status == 'RUNNING' then existing = holder end
          end
        end
        if existing then
          out[#out + 1] = fields(existing)
        else
          if key ~= '' then redis.call('SET', P .. 'idem:' .. key, id) end
          local args = {'tk', 1}
          for i = 1, n do
            args[#args + 1] = FIELDS[i]
            args[#args + 1] = ARGV[base + i - 1]
          end
          redis.call('HSET', jk(id), unpack(args))
          local member, due = id .. '|1', ARGV[base + n]
          if tonumber(due) > now then
            redis.call('ZADD', P .. 'delayed', due, member)
          else
            local list = P .. 'ready:' .. ARGV[base + 3] .. ':' .. ARGV[base + 4]
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
      return out
      """;

  /**
   * ARGV: prefix, worker, now micros, now nanos, max, heartbeat TTL ms, queues... Promotes due delayed jobs, then moves
   * up to max ready jobs, highest priority first, into the worker's processing set. Returns their fields.
   */
  static final String FETCH = COMMON + """
      local worker, now, nowNs, max = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
      local due = redis.call('ZRANGEBYSCORE', P .. 'delayed', '-inf', now, 'LIMIT', 0, 1000)
      for _, member in ipairs(due) do
        redis.call('ZREM', P .. 'delayed', member)
        local id, tk = split(member)
        local f = redis.call('HMGET', jk(id), 'queue', 'prio', 'tk')
        if f[1] and f[3] == tk then redis.call('RPUSH', P .. 'ready:' .. f[1] .. ':' .. f[2], member) end
      end
      redis.call('SET', P .. 'hb:' .. worker, '1', 'PX', ARGV[6])
      redis.call('SADD', P .. 'workers', worker)
      local FIELDS_TK = {unpack(FIELDS)}
      FIELDS_TK[17] = 'tk'
      local out, taken = {}, {}
      for prio = 0, 2 do
        for q = 7, #ARGV do
          local list = P .. 'ready:' .. ARGV[q] .. ':' .. prio
          while #out < max do
            local members = redis.call('LPOP', list, max - #out)
            if not members then break end
            for _, member in ipairs(members) do
              local id, tk = split(member)
              local f = redis.call('HMGET', jk(id), unpack(FIELDS_TK))
              if waiting(f[7]) and f[17] == tk then
                local attempts = tonumber(f[8]) + 1
                redis.call('HSET', jk(id), 'status', 'RUNNING', 'attempts', attempts, 'started', nowNs,
                    'finished', '', 'worker', worker)
                f[7], f[8], f[15], f[16], f[17] = 'RUNNING', tostring(attempts), nowNs, '', nil
                out[#out + 1] = f
                taken[#taken + 1] = id
              end
            end
          end
        end
      end
      if #taken > 0 then redis.call('SADD', P .. 'proc:' .. worker, unpack(taken)) end
      return out
      """;

  /**
   * ARGV: prefix, then per delivery: id, worker, attempts. Returns per delivery 1 when acked, 0 when it no longer
   * owned the job.
   */
  static final String ACK = COMMON + """
      local out, done, owned, workers, acked = {}, {}, {}, {}, {}
      for base = 2, #ARGV, 3 do
        local id, worker = ARGV[base], ARGV[base + 1]
        local f = redis.call('HMGET', jk(id), 'status', 'worker', 'attempts', 'idem')
        if f[1] == 'RUNNING' and f[2] == worker and f[3] == ARGV[base + 2] and not acked[id] then
          acked[id] = true
          local key = P .. 'idem:' .. f[4]
          if f[4] ~= '' and redis.call('GET', key) == id then redis.call('DEL', key) end
          done[#done + 1] = jk(id)
          done[#done + 1] = P .. 'err:' .. id
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
      local f = redis.call('HMGET', jk(id), 'cancel', 'attempts', 'max')
      if f[1] == '1' then return cancelNow(id, nowNs) end
      addError(id, err)
      if retryNs ~= '' and tonumber(f[2]) < tonumber(f[3]) then
        redis.call('HSET', jk(id), 'status', 'FAILED', 'err', err, 'runAt', retryNs, 'finished', nowNs, 'worker', '')
        schedule(id, ARGV[9], now, false)
      else
        redis.call('HSET', jk(id), 'status', 'DEAD', 'err', err, 'finished', nowNs, 'worker', '')
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
      local f = redis.call('HMGET', jk(id), 'cancel', 'attempts')
      if f[1] == '1' then return cancelNow(id, ARGV[6]) end
      local attempts = math.max(0, tonumber(f[2]) - 1)
      redis.call('HSET', jk(id), 'status', 'QUEUED', 'attempts', attempts, 'runAt', ARGV[7], 'started', '',
          'finished', '', 'worker', '')
      schedule(id, ARGV[8], ARGV[5], true)
      return fields(id)
      """;

  /** ARGV: prefix, id, worker, attempts, percent. 1 when recorded. */
  static final String PROGRESS = COMMON + """
      if not owns(ARGV[2], ARGV[3], ARGV[4]) then return 0 end
      redis.call('HSET', jk(ARGV[2]), 'progress', ARGV[5])
      return 1
      """;

  /** ARGV: prefix, id, now nanos. Cancels a waiting job, flags a running one; {} otherwise. */
  static final String CANCEL = COMMON + """
      local id = ARGV[2]
      local f = redis.call('HMGET', jk(id), 'status', 'tk')
      if f[1] == 'RUNNING' then
        redis.call('HSET', jk(id), 'cancel', '1')
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
      redis.call('HSET', jk(id), 'status', 'QUEUED', 'attempts', 0, 'runAt', ARGV[4], 'progress', 0, 'started', '',
          'finished', '', 'worker', '')
      local key = redis.call('HGET', jk(id), 'idem')
      if key and key ~= '' then
        local holder = redis.call('GET', P .. 'idem:' .. key)
        local status = holder and redis.call('HGET', jk(holder), 'status')
        if not (waiting(status) or status == 'RUNNING') then redis.call('SET', P .. 'idem:' .. key, id) end
      end
      schedule(id, ARGV[3], ARGV[3], false)
      return fields(id)
      """;

  /**
   * ARGV: prefix, now micros, now nanos. For every worker without a live heartbeat, files its jobs as failed attempts
   * due now (dead on their last attempt). Returns how many jobs it took back.
   */
  static final String REAP = COMMON + """
      local now, nowNs = ARGV[2], ARGV[3]
      local reaped = 0
      for _, worker in ipairs(redis.call('SMEMBERS', P .. 'workers')) do
        if redis.call('EXISTS', P .. 'hb:' .. worker) == 0 then
          for _, id in ipairs(redis.call('SMEMBERS', P .. 'proc:' .. worker)) do
            local f = redis.call('HMGET', jk(id), 'status', 'worker', 'cancel', 'attempts', 'max')
            if f[1] == 'RUNNING' and f[2] == worker then
              reaped = reaped + 1
              if f[3] == '1' then
                cancelNow(id, nowNs)
              else
                local err = 'worker ' .. worker .. ' stopped heartbeating'
                addError(id, err)
                if tonumber(f[4]) >= tonumber(f[5]) then
                  redis.call('HSET', jk(id), 'status', 'DEAD', 'err', err, 'finished', nowNs, 'worker', '')
                  redis.call('ZADD', P .. 'dead', now, id)
                  releaseKey(id)
                else
                  redis.call('HSET', jk(id), 'status', 'FAILED', 'err', err, 'runAt', nowNs, 'finished', nowNs,
                      'worker', '')
                  schedule(id, now, now, false)
                end
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
