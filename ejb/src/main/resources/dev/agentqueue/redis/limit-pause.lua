-- Pauses a limit scope until a time a provider named (its rate-limit headers said it is about to refuse calls); a
-- pause only ever grows, so an older, shorter hint from a slower answer does not cut a newer one short.
-- KEYS[1] state hash of the scope, KEYS[2] set of scope names
-- ARGV[1] scope name, ARGV[2] paused until, ms
-- Returns 1 when the pause grew, 0 when it was already as long.
redis.call('SADD', KEYS[2], ARGV[1])
local current = tonumber(redis.call('HGET', KEYS[1], 'pausedUntil') or '0')
if current >= tonumber(ARGV[2]) then
  return 0
end
redis.call('HSET', KEYS[1], 'pausedUntil', ARGV[2])
return 1
