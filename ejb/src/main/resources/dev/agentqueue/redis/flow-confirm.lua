-- Makes a provisional flow permanent once its first steps are on the queue; a flow that settled meanwhile keeps the
-- expiry it was given then.
-- KEYS[1] flow hash, KEYS[2] its steps hash
-- Returns 1 when the flow was made permanent, else 0.
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'RUNNING' or state == 'BLOCKED' then
  redis.call('PERSIST', KEYS[1])
  redis.call('PERSIST', KEYS[2])
  return 1
end
return 0
