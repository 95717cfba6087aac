-- Takes a lease naming one node (the reconciler, the throughput sampler) when it is free, or renews it for its holder, in one atomic step.
-- KEYS[1] lease key
-- ARGV[1] holder name; ARGV[2] lease time, ms
-- Returns 1 when ARGV[1] holds the lease now, 0 when another holder does.
local holder = redis.call('GET', KEYS[1])
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
