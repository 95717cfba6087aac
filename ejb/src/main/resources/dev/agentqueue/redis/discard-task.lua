-- Removes records (one task or a whole batch) whose enqueue transaction rolled back, each unless a worker has
-- already touched it.
-- KEYS: the task hash of every item, then the idempotency key of every item that has one, in item order
-- ARGV[1] state index key
-- then per item: id, contract index key, agent index key or '', '1' if it has an idempotency key else '0'
local items = (#ARGV - 1) / 4
local nextKey = items + 1
for i = 1, items do
  local a = 2 + (i - 1) * 4
  local id, taskKey = ARGV[a], KEYS[i]
  if redis.call('HGET', taskKey, 'state') == 'QUEUED' and redis.call('HGET', taskKey, 'attempt') == '0' then
    redis.call('DEL', taskKey)
    redis.call('ZREM', ARGV[1], id)
    redis.call('ZREM', ARGV[a + 1], id)
    if ARGV[a + 2] ~= '' then
      redis.call('ZREM', ARGV[a + 2], id)
    end
  end
  if ARGV[a + 3] == '1' then
    local keyKey = KEYS[nextKey]
    nextKey = nextKey + 1
    if redis.call('GET', keyKey) == id then
      redis.call('DEL', keyKey)
    end
  end
end
return 1
