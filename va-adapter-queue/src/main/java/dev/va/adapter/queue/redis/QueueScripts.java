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
 * the job's errors. A job gets a new ticket whenever it is scheduled, so entries left behind by a cancel or a
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
      local function cancelNow(id, nowIso)
        redis.call('HSET', jk(id), 'status', 'CANCELLED', 'finished', nowIso, 'worker', '')
        local r = fields(id)
        forget(id)
        return r
      end
      local function split(member)
        local sep = string.find(member, '|', 1, true)
        return string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
      end
      """.formatted(MAX_ERRORS);

  /** ARGV: prefix, now micros, the values of FIELDS, due micros. Returns the existing job, or {} when queued. */
  static final String ENQUEUE = COMMON + """
      local n = #FIELDS
      local id, key = ARGV[3], ARGV[13]
      if redis.call('EXISTS', jk(id)) == 1 then return fields(id) end
      if key ~= '' then
        local holder = redis.call('GET', P .. 'idem:' .. key)
        if holder then
          local status = redis.call('HGET', jk(holder), 'status')
          if waiting(status) or status == 'RUNNING' then return fields(holder) end
        end
        redis.call('SET', P .. 'idem:' .. key, id)
      end
      local args = {}
      for i = 1, n do
        args[#args + 1] = FIELDS[i]
        args[#args + 1] = ARGV[i + 2]
      end
      redis.call('HSET', jk(id), unpack(args))
      schedule(id, ARGV[n + 3], ARGV[2], false)
      return {}
      """;

  /**
   * ARGV: prefix, worker, now micros, now ISO, max, heartbeat TTL ms, queues... Promotes due delayed jobs, then moves
   * up to max ready jobs, highest priority first, into the worker's processing set. Returns their fields.
   */
  static final String FETCH = COMMON + """
      local worker, now, nowIso, max = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
      local due = redis.call('ZRANGEBYSCORE', P .. 'delayed', '-inf', now, 'LIMIT', 0, 1000)
      for _, member in ipairs(due) do
        redis.call('ZREM', P .. 'delayed', member)
        local id, tk = split(member)
        local f = redis.call('HMGET', jk(id), 'queue', 'prio', 'tk')
        if f[1] and f[3] == tk then redis.call('RPUSH', P .. 'ready:' .. f[1] .. ':' .. f[2], member) end
      end
      redis.call('SET', P .. 'hb:' .. worker, '1', 'PX', ARGV[6])
      redis.call('SADD', P .. 'workers', worker)
      local out = {}
      for prio = 0, 2 do
        for q = 7, #ARGV do
          local list = P .. 'ready:' .. ARGV[q] .. ':' .. prio
          while #out < max do
            local members = redis.call('LPOP', list, max - #out)
            if not members then break end
            for _, member in ipairs(members) do
              local id, tk = split(member)
              local f = redis.call('HMGET', jk(id), 'status', 'tk')
              if waiting(f[1]) and f[2] == tk then
                redis.call('HSET', jk(id), 'status', 'RUNNING', 'started', nowIso, 'finished', '', 'worker', worker)
                redis.call('HINCRBY', jk(id), 'attempts', 1)
                redis.call('SADD', P .. 'proc:' .. worker, id)
                out[#out + 1] = fields(id)
              end
            end
          end
        end
      end
      return out
      """;

  /** ARGV: prefix, id, worker, attempts. 1 when acked, 0 when the delivery no longer owns the job. */
  static final String ACK = COMMON + """
      local id, worker = ARGV[2], ARGV[3]
      if not owns(id, worker, ARGV[4]) then return 0 end
      redis.call('SREM', P .. 'proc:' .. worker, id)
      forget(id)
      return 1
      """;

  /** ARGV: prefix, id, worker, attempts, now ISO. The handler stopped on request: the job ends cancelled. */
  static final String STOPPED = COMMON + """
      local id, worker = ARGV[2], ARGV[3]
      if not owns(id, worker, ARGV[4]) then return {} end
      redis.call('SREM', P .. 'proc:' .. worker, id)
      return cancelNow(id, ARGV[5])
      """;

  /**
   * ARGV: prefix, id, worker, attempts, now micros, now ISO, error, retry ISO ('' buries the job), retry micros.
   * Returns the job FAILED (waiting for its retry), DEAD, or CANCELLED when its cancellation was requested.
   */
  static final String FAIL = COMMON + """
      local id, worker, now, nowIso, err, retryIso = ARGV[2], ARGV[3], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
      if not owns(id, worker, ARGV[4]) then return {} end
      redis.call('SREM', P .. 'proc:' .. worker, id)
      local f = redis.call('HMGET', jk(id), 'cancel', 'attempts', 'max')
      if f[1] == '1' then return cancelNow(id, nowIso) end
      addError(id, err)
      if retryIso ~= '' and tonumber(f[2]) < tonumber(f[3]) then
        redis.call('HSET', jk(id), 'status', 'FAILED', 'err', err, 'runAt', retryIso, 'finished', nowIso, 'worker', '')
        schedule(id, ARGV[9], now, false)
      else
        redis.call('HSET', jk(id), 'status', 'DEAD', 'err', err, 'finished', nowIso, 'worker', '')
        redis.call('ZADD', P .. 'dead', now, id)
        releaseKey(id)
      end
      return fields(id)
      """;

  /** ARGV: prefix, id, worker, attempts, now micros, now ISO, due ISO, due micros. Back to the queue, undone. */
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

  /** ARGV: prefix, id, now ISO. Cancels a waiting job, flags a running one; {} otherwise. */
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

  /** ARGV: prefix, id, now micros, now ISO. */
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
   * ARGV: prefix, now micros, now ISO. For every worker without a live heartbeat, files its jobs as failed attempts
   * due now (dead on their last attempt). Returns how many jobs it took back.
   */
  static final String REAP = COMMON + """
      local now, nowIso = ARGV[2], ARGV[3]
      local reaped = 0
      for _, worker in ipairs(redis.call('SMEMBERS', P .. 'workers')) do
        if redis.call('EXISTS', P .. 'hb:' .. worker) == 0 then
          for _, id in ipairs(redis.call('SMEMBERS', P .. 'proc:' .. worker)) do
            local f = redis.call('HMGET', jk(id), 'status', 'worker', 'cancel', 'attempts', 'max')
            if f[1] == 'RUNNING' and f[2] == worker then
              reaped = reaped + 1
              if f[3] == '1' then
                cancelNow(id, nowIso)
              else
                local err = 'worker ' .. worker .. ' stopped heartbeating'
                addError(id, err)
                if tonumber(f[4]) >= tonumber(f[5]) then
                  redis.call('HSET', jk(id), 'status', 'DEAD', 'err', err, 'finished', nowIso, 'worker', '')
                  redis.call('ZADD', P .. 'dead', now, id)
                  releaseKey(id)
                else
                  redis.call('HSET', jk(id), 'status', 'FAILED', 'err', err, 'runAt', nowIso, 'finished', nowIso,
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
