-- Records that a released step's task was dead-lettered: the flow is BLOCKED until that step completes after a
-- redrive. Safe to repeat.
-- KEYS[1] flow hash, KEYS[2] its steps hash
-- ARGV[1] step name
-- Returns {the flow's state}, or {''} when there is no such flow.
local flowState = redis.call('HGET', KEYS[1], 'state')
if not flowState then
  return {''}
end
if redis.call('HGET', KEYS[2], ARGV[1]) == 'RELEASED' then
  redis.call('HSET', KEYS[2], ARGV[1], 'DEAD_LETTER')
  redis.call('HINCRBY', KEYS[1], 'deadLettered', 1)
  if flowState == 'RUNNING' then
    flowState = 'BLOCKED'
    redis.call('HSET', KEYS[1], 'state', flowState)
  end
end
return {flowState}
