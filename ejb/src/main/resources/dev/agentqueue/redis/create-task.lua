-- Creates task records, one or a whole batch in one call, each unless its idempotency key or its id is already
-- taken. Items are taken in order, so a key repeated later in the same batch answers with the earlier item's task.
-- KEYS: the task hash of every item, then the idempotency key of every item that has one, in item order
-- ARGV[1] state index key
-- ARGV[2] record ttl in seconds (0 = no expiry)
-- ARGV[3] idempotency key ttl in seconds
-- ARGV[4] the prefix of a task hash's key (the task id completes it), to read the state of a key's first task
-- then per item: id, contract index key, agent index key or '', index score (createdAt, ms),
--                '1' if it has an idempotency key else '0', the number n of field/value strings, then those n strings
-- Returns outcome, id, state per item: CREATED with the new id; DUPLICATE with the id of the first task of the key
-- and its state ('' once expired); EXISTS (the id is taken) with its state.
-- A key that already names this very id (a worker recreating an expired record) is no duplicate.
local items = 0
local a = 5
while a <= #ARGV do
  items = items + 1
  a = a + 6 + tonumber(ARGV[a + 5])
end
local ttl = tonumber(ARGV[2])
local reply = {}
local nextKey = items + 1
a = 5
for i = 1, items do
  local id, taskKey, keyKey = ARGV[a], KEYS[i], nil
  if ARGV[a + 4] == '1' then
    keyKey = KEYS[nextKey]
    nextKey = nextKey + 1
  end
  local n = tonumber(ARGV[a + 5])
  local existing = keyKey and redis.call('GET', keyKey)
  if existing and existing ~= id then
    reply[#reply + 1] = 'DUPLICATE'
    reply[#reply + 1] = existing
    reply[#reply + 1] = redis.call('HGET', ARGV[4] .. existing, 'state') or ''
  elseif redis.call('EXISTS', taskKey) == 1 then
    reply[#reply + 1] = 'EXISTS'
    reply[#reply + 1] = id
    reply[#reply + 1] = redis.call('HGET', taskKey, 'state') or ''
  else
    redis.call('HSET', taskKey, unpack(ARGV, a + 6, a + 5 + n))
    if ttl > 0 then
      redis.call('EXPIRE', taskKey, ttl)
    end
    redis.call('ZADD', ARGV[1], ARGV[a + 3], id)
    redis.call('ZADD', ARGV[a + 1], ARGV[a + 3], id)
    if ARGV[a + 2] ~= '' then
      redis.call('ZADD', ARGV[a + 2], ARGV[a + 3], id)
    end
    if keyKey then
      redis.call('SET', keyKey, id, 'EX', tonumber(ARGV[3]))
    end
    reply[#reply + 1] = 'CREATED'
    reply[#reply + 1] = id
    reply[#reply + 1] = 'QUEUED'
  end
  a = a + 6 + n
end
return reply
