-- Moves a task to a new state when its current state and attempt allow it, in one atomic step.
-- KEYS[1] task hash
-- KEYS[2] the task's event stream: each applied move appends its events there, so events and state never disagree
-- KEYS[3] (only for a move to a settled state) the callbacks' schedule: a task with a callbackUrl is due at once
-- ARGV[1] target state
-- ARGV[2] allowed source states, comma-delimited on both ends (',QUEUED,FAILED,')
-- ARGV[3] attempt guard: 'any'; 'same' (stored attempt == ARGV[4]); 'newer' (stored attempt < ARGV[4])
-- ARGV[4] attempt of the caller; written to the record unless negative
-- ARGV[5] now, ms
-- ARGV[6] state index key prefix (the state name is appended)
-- ARGV[7] record ttl in seconds after the move: > 0 expire, 0 persist, < 0 leave as is
-- ARGV[8] history action: 'start' (open an entry), 'finish' (close it), 'both', or 'none'
-- ARGV[9] JSON object merged into the history entry of this attempt
-- ARGV[10] most history entries kept
-- ARGV[11] most entries kept in the event stream (approximate trim)
-- ARGV[12] event stream ttl in seconds after the move
-- ARGV[13] '1' when the target state is settled
-- ARGV[14] type of one more event to append ('' for none), ARGV[15] its JSON data
-- ARGV[16..] field, value pairs written with the move
-- Returns {outcome, previous state, previous attempt}; outcome is OK, MISSING, STATE or STALE.
local action = ARGV[8]
-- One read for every field the move needs (the history only when it is written), rather than one HGET each.
local read = redis.call('HMGET', KEYS[1], 'state', 'attempt', 'id', 'callbackUrl', action ~= 'none' and 'history' or 'id')
local state = read[1]
if not state then
  return {'MISSING', '', '0'}
end
local stored = tonumber(read[2] or '0')
local attempt = tonumber(ARGV[4])
if not string.find(ARGV[2], ',' .. state .. ',', 1, true) then
  return {'STATE', state, tostring(stored)}
end
local guard = ARGV[3]
if (guard == 'same' and stored ~= attempt) or (guard == 'newer' and stored >= attempt) then
  return {'STALE', state, tostring(stored)}
end
local now = tonumber(ARGV[5])
local entry = nil
local fields = {'state', ARGV[1]}
if action ~= 'none' then
  local raw = read[5]
  local history = {}
  if raw and raw ~= '' and raw ~= '[]' then
    history = cjson.decode(raw)
  end
  if action == 'start' or action == 'both' then
    local last = history[#history]
    if last and last['end'] == nil then
      -- The previous delivery never reported back: its worker crashed or lost its lease.
      last['end'] = now
      last['outcome'] = 'ABANDONED'
    end
    history[#history + 1] = {attempt = attempt, start = now}
  end
  for i = #history, 1, -1 do
    if history[i]['attempt'] == attempt then
      entry = history[i]
      break
    end
  end
  if entry == nil then
    entry = {attempt = attempt, start = now}
    history[#history + 1] = entry
  end
  for k, v in pairs(cjson.decode(ARGV[9])) do
    entry[k] = v
  end
  if action == 'finish' or action == 'both' then
    entry['end'] = now
  end
  local cap = tonumber(ARGV[10])
  while #history > cap do
    table.remove(history, 1)
  end
  fields[#fields + 1] = 'history'
  fields[#fields + 1] = cjson.encode(history)
end
if attempt >= 0 then
  fields[#fields + 1] = 'attempt'
  fields[#fields + 1] = tostring(attempt)
end
for i = 16, #ARGV, 2 do
  fields[#fields + 1] = ARGV[i]
  fields[#fields + 1] = ARGV[i + 1]
end
local id = read[3]
local url = read[4]
local schedulesCallback = KEYS[3] and state ~= ARGV[1] and url and url ~= ''
if schedulesCallback then
  -- Written with the move's own fields, after them, as before: one HSET for the whole record.
  fields[#fields + 1] = 'callbackState'
  fields[#fields + 1] = 'PENDING'
  fields[#fields + 1] = 'callbackAttempts'
  fields[#fields + 1] = '0'
  fields[#fields + 1] = 'callbackNextAt'
  fields[#fields + 1] = ARGV[5]
end
redis.call('HSET', KEYS[1], unpack(fields))
if state ~= ARGV[1] then
  redis.call('ZREM', ARGV[6] .. state, id)
  redis.call('ZADD', ARGV[6] .. ARGV[1], now, id)
end
if schedulesCallback then
  redis.call('HDEL', KEYS[1], 'callbackLastStatus', 'callbackLastError', 'callbackLastAt')
  redis.call('ZADD', KEYS[3], now, id)
end
local ttl = tonumber(ARGV[7])
if ttl > 0 then
  redis.call('EXPIRE', KEYS[1], ttl)
elseif ttl == 0 then
  redis.call('PERSIST', KEYS[1])
end
local appended = false
local function event(kind, data)
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[11], '*', 'type', kind, 'data', data)
  appended = true
end
if action == 'finish' or action == 'both' then
  event('attempt-ended', cjson.encode(entry))
end
if state ~= ARGV[1] then
  event('state', cjson.encode({state = ARGV[1], previous = state, attempt = attempt >= 0 and attempt or stored,
    at = now, settled = ARGV[13] == '1'}))
end
if action == 'start' then
  event('attempt-started', cjson.encode(entry))
end
if ARGV[14] ~= '' then
  event(ARGV[14], ARGV[15])
end
-- A stream this move appended to exists: only a move that appended nothing needs to ask.
if appended or redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[12]))
end
return {'OK', state, tostring(stored)}
