-- Creates a task record unless its idempotency key or its id is already taken.
-- KEYS[1] task hash; KEYS[2] idempotency key (optional)
-- ARGV[1] task id
-- ARGV[2] state index key, ARGV[3] contract index key, ARGV[4] agent index key or ''
-- ARGV[5] index score (createdAt, ms)
-- ARGV[6] record ttl in seconds (0 = no expiry)
-- ARGV[7] idempotency key ttl in seconds
-- ARGV[8..] field, value pairs of the record
-- Returns {outcome, id}: CREATED with the new id, DUPLICATE with the id of the first task, or EXISTS.
-- A key that already names this very id (a worker recreating an expired record) is no duplicate.
if #KEYS > 1 then
  local existing = redis.call('GET', KEYS[2])
  if existing and existing ~= ARGV[1] then
    return {'DUPLICATE', existing}
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {'EXISTS', ARGV[1]}
end
local fields = {}
for i = 8, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
local ttl = tonumber(ARGV[6])
if ttl > 0 then
  redis.call('EXPIRE', KEYS[1], ttl)
end
redis.call('ZADD', ARGV[2], ARGV[5], ARGV[1])
redis.call('ZADD', ARGV[3], ARGV[5], ARGV[1])
if ARGV[4] ~= '' then
  redis.call('ZADD', ARGV[4], ARGV[5], ARGV[1])
end
if #KEYS > 1 then
  redis.call('SET', KEYS[2], ARGV[1], 'EX', tonumber(ARGV[7]))
end
return {'CREATED', ARGV[1]}
