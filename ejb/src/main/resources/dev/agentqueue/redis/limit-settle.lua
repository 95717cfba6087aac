-- Settles an admitted call in every scope it was admitted in: the token bucket gets back what the estimate
-- reserved beyond the actual usage (or gives up more when the call used more: the level may go below zero, and
-- the next calls wait for it), and the call's lease is released.
-- KEYS[3i-2] state hash of scope i, KEYS[3i-1] its lease set, KEYS[3i] its settings hash
-- ARGV[1] now ms, ARGV[2] lease id, ARGV[3] estimated tokens, ARGV[4] actual tokens
-- ARGV[5+2(i-1)..] per scope: tokens/min, burst ms
-- Returns the number of scopes settled.
local now = tonumber(ARGV[1])
local difference = tonumber(ARGV[3]) - tonumber(ARGV[4])
local scopes = #KEYS / 3
for i = 1, scopes do
  local state, leases, settings = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local a = 5 + 2 * (i - 1)
  local tpm = tonumber(redis.call('HGET', settings, 'tokensPerMinute') or ARGV[a])
  local burst = tonumber(redis.call('HGET', settings, 'burstMs') or ARGV[a + 1])
  local level = redis.call('HGET', state, 'level')
  if tpm > 0 and level then
    local capacity = math.max(1, tpm * burst / 60000)
    local levelAt = tonumber(redis.call('HGET', state, 'levelAt') or ARGV[1])
    local refilled = math.min(capacity, tonumber(level) + math.max(0, now - levelAt) * tpm / 60000)
    redis.call('HSET', state, 'level', tostring(math.min(capacity, refilled + difference)), 'levelAt', ARGV[1])
  end
  redis.call('ZREM', leases, ARGV[2])
  redis.call('HINCRBY', state, 'tokensUsed', ARGV[4])
end
return scopes
