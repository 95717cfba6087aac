-- Creates a flow and the state of its steps, unless the flow exists already.
-- KEYS[1] flow hash, KEYS[2] its steps hash
-- ARGV[1] flow id, ARGV[2] now (ms), ARGV[3] the plan (JSON), ARGV[4] ttl in seconds (> 0: provisional, 0: none)
-- ARGV[5..] per step: name, number of steps it waits for (0: released at once)
-- Returns 1 when created, 0 when the flow exists.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local steps = (#ARGV - 4) / 2
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'state', 'RUNNING', 'createdAt', ARGV[2], 'definition', ARGV[3],
  'pending', steps, 'deadLettered', 0)
for i = 5, #ARGV, 2 do
  local waits = tonumber(ARGV[i + 1])
  redis.call('HSET', KEYS[2], ARGV[i], waits == 0 and 'RELEASED' or 'WAITING', ARGV[i] .. ':waits', waits)
end
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  redis.call('EXPIRE', KEYS[1], ttl)
  redis.call('EXPIRE', KEYS[2], ttl)
end
return 1
