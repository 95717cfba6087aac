-- Makes a freshly enqueued record permanent once the enqueue transaction has committed.
-- Until then the record and its idempotency key carry a short provisional expiry, so a crash between
-- the Redis write and the commit leaves nothing behind for long.
-- KEYS[1] task hash; KEYS[2] idempotency key (optional)
-- ARGV[1] idempotency key ttl in seconds
if redis.call('HGET', KEYS[1], 'state') == 'QUEUED' then
  redis.call('PERSIST', KEYS[1])
end
if #KEYS > 1 then
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[1]))
end
return 1
