-- Makes freshly enqueued records permanent (one task or a whole batch) once the enqueue transaction has committed.
-- Until then the records and their idempotency keys carry a short provisional expiry, so a crash between
-- the Redis write and the commit leaves nothing behind for long.
-- KEYS: the task hashes, then the idempotency keys of those that have one
-- ARGV[1] idempotency key ttl in seconds; ARGV[2] the number of task hashes
local tasks = tonumber(ARGV[2])
for i = 1, tasks do
  if redis.call('HGET', KEYS[i], 'state') == 'QUEUED' then
    redis.call('PERSIST', KEYS[i])
  end
end
for i = tasks + 1, #KEYS do
  redis.call('EXPIRE', KEYS[i], tonumber(ARGV[1]))
end
return 1
