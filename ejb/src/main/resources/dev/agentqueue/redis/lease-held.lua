-- Renews a lease (ARGV[2] > 0) or gives it up (ARGV[2] = 0), only for the holder that has it now: a holder whose
-- lease lapsed and went to another learns so instead of taking it back.
-- KEYS[1] lease key
-- ARGV[1] holder name; ARGV[2] lease time, ms, or 0 to give the lease up
-- Returns 1 when ARGV[1] held the lease, 0 otherwise.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if tonumber(ARGV[2]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
else
  redis.call('DEL', KEYS[1])
end
return 1
