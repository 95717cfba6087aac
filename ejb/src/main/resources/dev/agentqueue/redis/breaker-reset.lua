-- Resets a known shared circuit breaker to CLOSED with an empty window and zero counts.
-- KEYS[1] breaker hash
-- KEYS[2] set of known breaker names
-- ARGV[1] breaker name
-- Returns 1 when the breaker was known, 0 otherwise.
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'state', 'CLOSED')
return 1
