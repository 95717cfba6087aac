-- Asks a shared circuit breaker for permission to call its downstream, in one atomic step.
-- An OPEN breaker whose delay has passed turns HALF_OPEN here; a HALF_OPEN breaker admits at most
-- successThreshold probes at a time, each holding a lease so a probe lost with its node is replaced.
-- KEYS[1] breaker hash
-- KEYS[2] set of known breaker names
-- ARGV[1] breaker name
-- ARGV[2] now, ms
-- ARGV[3] delay, ms (how long OPEN lasts before a probe is allowed)
-- ARGV[4] success threshold (probes admitted at once while HALF_OPEN)
-- ARGV[5] probe lease, ms
-- Returns {state, permitted (1/0), retry-at ms (0 when permitted)}.
redis.call('SADD', KEYS[2], ARGV[1])
local now = tonumber(ARGV[2])
local delay = tonumber(ARGV[3])
local threshold = tonumber(ARGV[4])
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  state = 'CLOSED'
  redis.call('HSET', KEYS[1], 'state', state)
end
if state == 'OPEN' then
  local openedAt = tonumber(redis.call('HGET', KEYS[1], 'openedAt') or '0')
  if now < openedAt + delay then
    redis.call('HINCRBY', KEYS[1], 'rejected', 1)
    return {state, 0, tostring(openedAt + delay)}
  end
  state = 'HALF_OPEN'
  redis.call('HSET', KEYS[1], 'state', state, 'probes', 0, 'probeSuccesses', 0, 'probeUntil', 0)
end
if state == 'HALF_OPEN' then
  local probes = tonumber(redis.call('HGET', KEYS[1], 'probes') or '0')
  local probeUntil = tonumber(redis.call('HGET', KEYS[1], 'probeUntil') or '0')
  if now >= probeUntil then
    probes = 0
  end
  if probes >= threshold then
    redis.call('HINCRBY', KEYS[1], 'rejected', 1)
    return {state, 0, tostring(probeUntil)}
  end
  redis.call('HSET', KEYS[1], 'probes', probes + 1, 'probeUntil', now + tonumber(ARGV[5]))
  return {state, 1, '0'}
end
return {state, 1, '0'}
