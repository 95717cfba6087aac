-- Cancels a flow that has not settled: no step is released after this, and the steps still waiting are CANCELLED.
-- KEYS[1] flow hash, KEYS[2] its steps hash
-- ARGV[1] now (ms), ARGV[2] ttl in seconds of a settled flow
-- Returns {outcome, state before}, then for OK the task ids of the released and dead-lettered steps, whose tasks the
-- caller cancels where they have not run; outcome is OK, MISSING or SETTLED (already COMPLETED or CANCELLED).
local flowState = redis.call('HGET', KEYS[1], 'state')
if not flowState then
  return {'MISSING', ''}
end
if flowState == 'COMPLETED' or flowState == 'CANCELLED' then
  return {'SETTLED', flowState}
end
redis.call('HSET', KEYS[1], 'state', 'CANCELLED', 'finishedAt', ARGV[1])
local reply = {'OK', flowState}
for _, s in ipairs(cjson.decode(redis.call('HGET', KEYS[1], 'definition'))['steps']) do
  local state = redis.call('HGET', KEYS[2], s['name'])
  if state == 'WAITING' then
    redis.call('HSET', KEYS[2], s['name'], 'CANCELLED')
  elseif state == 'RELEASED' or state == 'DEAD_LETTER' then
    reply[#reply + 1] = s['taskId']
  end
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[2]))
return reply
