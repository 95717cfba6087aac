package dev.agentqueue.redis;

import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Lets the shared Redis connection send the commands of many threads in one socket write. Lettuce flushes every
 * command on its own, so each one costs a {@code write} system call and wakes Redis once; with workers and enqueues
 * on many threads, the commands queued on the event loop while it was busy now leave together.
 */
final class ConsolidatedFlushes implements NettyCustomizer {

    /**
     * Most flushes held back before one goes out regardless. Far above the commands that can be pending at once (one
     * per worker and enqueue thread), so in practice the flush happens when the event loop has drained its queue.
     */
    static final int DEFAULT_MOST_HELD_FLUSHES = 256;

    @Override
    public void afterChannelInitialized(Channel channel) {
        // First in the pipeline, that is next to the socket, so that it sees every flush of every handler.
        channel.pipeline().addFirst(new FlushConsolidationHandler(DEFAULT_MOST_HELD_FLUSHES, true));
    }
}
