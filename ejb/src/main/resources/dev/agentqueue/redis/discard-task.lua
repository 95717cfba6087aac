-- Removes a record whose enqueue transaction rolled back, unless a worker has already touched it.
-- KEYS[1] task hash; KEYS[2] idempotency key (optional)
-- ARGV[1] task id; ARGV[2..] index keys the id was added to
if redis.call('HGET', KEYS[1], 'state') == 'QUEUED' and redis.call('HGET', KEYS[1], 'attempt') == '0' then
  redis.call('DEL', KEYS[1])
  for i = 2, #ARGV do
    redis.call('ZREM', ARGV[i], ARGV[1])
  end
end
if #KEYS > 1 and redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('DEL', KEYS[2])
end
return 1
