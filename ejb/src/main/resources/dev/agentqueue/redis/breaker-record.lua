-- Records the outcome of one call through a shared circuit breaker and moves its state, in one atomic step.
-- CLOSED keeps a rolling window of the last requestVolumeThreshold outcomes ('s'/'f'); once the window is
-- full and its failure share reaches failureRatio, the breaker opens. In HALF_OPEN a failure reopens it and
-- successThreshold successes close it with an empty window. An OPEN breaker whose delay has passed counts the
-- outcome as a probe's. Outcomes arriving while OPEN (calls admitted before it opened) only count.
-- KEYS[1] breaker hash
-- KEYS[2] set of known breaker names
-- ARGV[1] breaker name
-- ARGV[2] now, ms
-- ARGV[3] outcome: 's' success, 'f' failure
-- ARGV[4] request volume threshold
-- ARGV[5] failure ratio
-- ARGV[6] delay, ms
-- ARGV[7] success threshold
-- Returns {state after, sequence number of this outcome (the breaker's call count)}.
redis.call('SADD', KEYS[2], ARGV[1])
local now = tonumber(ARGV[2])
local outcome = ARGV[3]
local volume = tonumber(ARGV[4])
local ratio = tonumber(ARGV[5])
local delay = tonumber(ARGV[6])
local seq = redis.call('HINCRBY', KEYS[1], 'calls', 1)
redis.call('HINCRBY', KEYS[1], outcome == 'f' and 'failures' or 'successes', 1)
local state = redis.call('HGET', KEYS[1], 'state') or 'CLOSED'

local function open()
  state = 'OPEN'
  redis.call('HSET', KEYS[1], 'state', state, 'openedAt', now, 'window', '', 'probes', 0, 'probeSuccesses', 0)
  redis.call('HINCRBY', KEYS[1], 'opens', 1)
end

if state == 'OPEN' then
  local openedAt = tonumber(redis.call('HGET', KEYS[1], 'openedAt') or '0')
  if now >= openedAt + delay then
    state = 'HALF_OPEN'
    redis.call('HSET', KEYS[1], 'state', state, 'probes', 0, 'probeSuccesses', 0, 'probeUntil', 0)
  end
end

if state == 'CLOSED' then
  local window = (redis.call('HGET', KEYS[1], 'window') or '') .. outcome
  if #window > volume then
    window = string.sub(window, #window - volume + 1)
  end
  local _, failures = string.gsub(window, 'f', '')
  if #window >= volume and failures >= ratio * #window then
    open()
  else
    redis.call('HSET', KEYS[1], 'state', state, 'window', window)
  end
elseif state == 'HALF_OPEN' then
  local probes = tonumber(redis.call('HGET', KEYS[1], 'probes') or '0')
  if probes > 0 then
    redis.call('HSET', KEYS[1], 'probes', probes - 1)
  end
  if outcome == 'f' then
    open()
  elseif redis.call('HINCRBY', KEYS[1], 'probeSuccesses', 1) >= tonumber(ARGV[7]) then
    state = 'CLOSED'
    redis.call('HSET', KEYS[1], 'state', state, 'window', '', 'probes', 0, 'probeSuccesses', 0, 'probeUntil', 0)
  end
end
return {state, tostring(seq)}
