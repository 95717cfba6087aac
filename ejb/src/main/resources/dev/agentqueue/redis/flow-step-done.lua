-- Records that a step's task completed and releases the steps that waited only for it, in one atomic step. Safe to
-- repeat: a step already recorded changes nothing, and the steps it released are answered again, so that a caller
-- whose earlier run died before it sent them can send them (the broker drops a second copy of a message it has).
-- KEYS[1] flow hash, KEYS[2] its steps hash, KEYS[3] the step's task hash
-- ARGV[1] step name, ARGV[2] now (ms), ARGV[3] ttl in seconds of a settled flow
-- Returns {outcome, flow state, then per released step: name, task id, its inputs (JSON object of results by step)};
-- outcome is OK, MISSING (no such flow), NOT_COMPLETED (the task's record is not COMPLETED) or UNKNOWN_STEP.
local flowState = redis.call('HGET', KEYS[1], 'state')
if not flowState then
  return {'MISSING', ''}
end
if redis.call('HGET', KEYS[3], 'state') ~= 'COMPLETED' then
  return {'NOT_COMPLETED', flowState}
end
local byName = {}
for _, s in ipairs(cjson.decode(redis.call('HGET', KEYS[1], 'definition'))['steps']) do
  byName[s['name']] = s
end
local name = ARGV[1]
local step = byName[name]
if not step then
  return {'UNKNOWN_STEP', flowState}
end
local state = redis.call('HGET', KEYS[2], name)
if state ~= 'COMPLETED' then
  redis.call('HSET', KEYS[2], name, 'COMPLETED', name .. ':result', redis.call('HGET', KEYS[3], 'result') or 'null')
  if state == 'DEAD_LETTER' then
    redis.call('HINCRBY', KEYS[1], 'deadLettered', -1)
  end
  local pending = redis.call('HINCRBY', KEYS[1], 'pending', -1)
  for _, n in ipairs(step['next']) do
    redis.call('HINCRBY', KEYS[2], n .. ':waits', -1)
  end
  if flowState ~= 'CANCELLED' then
    if pending <= 0 then
      flowState = 'COMPLETED'
      redis.call('HSET', KEYS[1], 'state', flowState, 'finishedAt', ARGV[2])
      redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
      redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
    elseif flowState == 'BLOCKED' and tonumber(redis.call('HGET', KEYS[1], 'deadLettered')) <= 0 then
      flowState = 'RUNNING'
      redis.call('HSET', KEYS[1], 'state', flowState)
    end
  end
end
local reply = {'OK', flowState}
if flowState == 'CANCELLED' then
  return reply
end
for _, n in ipairs(step['next']) do
  local s = redis.call('HGET', KEYS[2], n)
  if s == 'WAITING' and tonumber(redis.call('HGET', KEYS[2], n .. ':waits')) <= 0 then
    redis.call('HSET', KEYS[2], n, 'RELEASED')
    s = 'RELEASED'
  end
  if s == 'RELEASED' then
    -- Results are stored JSON text: joined as they are, never decoded and encoded again.
    local inputs = {}
    for _, before in ipairs(byName[n]['after']) do
      inputs[#inputs + 1] = cjson.encode(before) .. ':' .. (redis.call('HGET', KEYS[2], before .. ':result') or 'null')
    end
    reply[#reply + 1] = n
    reply[#reply + 1] = byName[n]['taskId']
    reply[#reply + 1] = '{' .. table.concat(inputs, ',') .. '}'
  end
end
return reply
