-- Asks every limit scope of a call (a provider endpoint, an agent) for room, in one atomic step: a call is
-- admitted only when all scopes have room, and then takes from all of them; a refusal takes nothing.
--   requests: GCRA, a theoretical arrival time 'tat' per scope, bursts of up to 'burst' worth of requests;
--   tokens:   a token bucket ('level' at 'levelAt') holding at most 'burst' worth of tokens; the estimate is
--             reserved here and settled later with the actual usage (limit-settle.lua);
--   calls:    a sorted set of leases scored by expiry, so a crashed node's slots come back by themselves;
--   provider: a pause until the time a provider's rate-limit headers named (limit-pause.lua).
-- A limit a settings hash holds (set live by an admin) overrides the one passed in.
-- A refused call is told when to come back; refusals are spread one emission interval apart ('returnAt'),
-- so a backlog returns as a trickle that fits the limit instead of a herd that is refused again.
-- KEYS[3i-2] state hash of scope i, KEYS[3i-1] its lease set, KEYS[3i] its settings hash; KEYS[n] set of scope names
-- ARGV[1] now ms, ARGV[2] lease id, ARGV[3] lease expiry ms, ARGV[4] estimated tokens, ARGV[5] concurrency retry ms
-- ARGV[6+5(i-1)..] per scope: name, requests/min, tokens/min, concurrent calls, burst ms (0 = no limit)
-- Returns {1, sequence} when admitted, or {0, sequence, retry-at ms, scope name, dimension}.
local now = tonumber(ARGV[1])
local estimate = tonumber(ARGV[4])
local scopes = (#KEYS - 1) / 3
local plans = {}
local refusal = nil
-- Numbers every call the first scope answers, so a test can replay the calls in the order they ran.
local sequence = redis.call('HINCRBY', KEYS[1], 'calls', 1)
for i = 1, scopes do
  local state, leases, settings = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local a = 6 + 5 * (i - 1)
  local name = ARGV[a]
  local rpm = tonumber(redis.call('HGET', settings, 'requestsPerMinute') or ARGV[a + 1])
  local tpm = tonumber(redis.call('HGET', settings, 'tokensPerMinute') or ARGV[a + 2])
  local calls = tonumber(redis.call('HGET', settings, 'concurrentCalls') or ARGV[a + 3])
  local burst = tonumber(redis.call('HGET', settings, 'burstMs') or ARGV[a + 4])
  redis.call('SADD', KEYS[#KEYS], name)
  local plan = {state = state, leases = leases}
  local retry, dimension, spacing = nil, nil, 0
  local pausedUntil = tonumber(redis.call('HGET', state, 'pausedUntil') or '0')
  if pausedUntil > now then
    retry, dimension = pausedUntil, 'provider'
  end
  if rpm > 0 and not retry then
    local interval = 60000 / rpm
    local tolerance = math.max(0, math.floor(rpm * burst / 60000) - 1) * interval
    local tat = math.max(tonumber(redis.call('HGET', state, 'tat') or '0'), now)
    if tat - now > tolerance then
      retry, dimension, spacing = tat - tolerance, 'requests', interval
    else
      plan.tat = tat + interval
    end
  end
  if tpm > 0 and not retry then
    local capacity = math.max(1, tpm * burst / 60000)
    local level = tonumber(redis.call('HGET', state, 'level') or tostring(capacity))
    local levelAt = tonumber(redis.call('HGET', state, 'levelAt') or ARGV[1])
    level = math.min(capacity, level + math.max(0, now - levelAt) * tpm / 60000)
    local need = math.min(estimate, capacity)
    if level < need then
      retry, dimension, spacing = now + (need - level) * 60000 / tpm, 'tokens', estimate * 60000 / tpm
    else
      plan.level = level - estimate
    end
  end
  if calls > 0 and not retry then
    redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
    if redis.call('ZCARD', leases) >= calls then
      retry, dimension = now + tonumber(ARGV[5]), 'calls'
    else
      plan.lease = true
    end
  end
  if retry then
    local returnAt = math.max(retry, tonumber(redis.call('HGET', state, 'returnAt') or '0'))
    redis.call('HSET', state, 'returnAt', tostring(returnAt + spacing))
    redis.call('HINCRBY', state, 'deferrals', 1)
    if not refusal or returnAt > refusal[3] then
      refusal = {0, sequence, returnAt, name, dimension}
    end
  end
  plans[i] = plan
end
if refusal then
  refusal[3] = tostring(math.ceil(refusal[3]))
  return refusal
end
for i = 1, scopes do
  local plan = plans[i]
  if plan.tat then
    redis.call('HSET', plan.state, 'tat', tostring(plan.tat))
  end
  if plan.level then
    redis.call('HSET', plan.state, 'level', tostring(plan.level), 'levelAt', ARGV[1])
  end
  if plan.lease then
    redis.call('ZADD', plan.leases, ARGV[3], ARGV[2])
  end
  redis.call('HINCRBY', plan.state, 'admitted', 1)
  redis.call('HINCRBY', plan.state, 'tokensReserved', ARGV[4])
end
return {1, sequence}
