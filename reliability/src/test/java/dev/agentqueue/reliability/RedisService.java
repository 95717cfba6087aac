package dev.agentqueue.reliability;

/** The Redis a scenario's server uses, however many processes it takes: the URL to give the server, and a stop. */
interface RedisService extends AutoCloseable {

    /** Returns the {@code agentqueue.redis.url} of this Redis. */
    String url();

    /** Stops every process of this Redis by its PID. */
    @Override
    void close();
}
