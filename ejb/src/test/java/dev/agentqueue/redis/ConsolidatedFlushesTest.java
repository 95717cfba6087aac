package dev.agentqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link ConsolidatedFlushes} shapes a connection's writes, on Netty's in-process transport with real event
 * loops: a counter next to the "socket" sees every flush that would have become a {@code write} system call, and a
 * peer receives what was written.
 */
class ConsolidatedFlushesTest {

    private static final long WAIT_SECONDS = 10;

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final AtomicInteger socketFlushes = new AtomicInteger();
    private Channel client;

    @BeforeEach
    void connect() throws InterruptedException {
        LocalAddress address = new LocalAddress(ConsolidatedFlushesTest.class);
        new ServerBootstrap()
                .group(loops)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        received.add(msg);
                    }
                })
                .bind(address)
                .sync();
        client = new Bootstrap()
                .group(loops)
                .channel(LocalChannel.class)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        new ConsolidatedFlushes().afterChannelInitialized(channel);
                        // Added after, so it sits between the consolidation and the socket.
                        channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
                            @Override
                            public void flush(ChannelHandlerContext ctx) {
                                socketFlushes.incrementAndGet();
                                ctx.flush();
                            }
                        });
                    }
                })
                .connect(address)
                .sync()
                .channel();
    }

    @AfterEach
    void close() throws InterruptedException {
        client.close().sync();
        loops.shutdownGracefully(0, WAIT_SECONDS, TimeUnit.SECONDS).sync();
    }

    @Test
    void commandsFlushedWhileTheEventLoopIsBusyLeaveInOneWrite() throws InterruptedException {
        int before = socketFlushes.get();

        // Three callers' commands, each written and flushed, all queued before the event loop gets to flush.
        client.eventLoop().execute(() -> List.of("GET a", "GET b", "GET c").forEach(client::writeAndFlush));

        assertThat(List.of(take(), take(), take())).containsExactly("GET a", "GET b", "GET c");
        assertThat(socketFlushes.get() - before).isEqualTo(1);
    }

    @Test
    void aLoneCommandIsNotHeldBack() throws InterruptedException {
        client.writeAndFlush("GET a");

        assertThat(take()).isEqualTo("GET a");
    }

    private Object take() throws InterruptedException {
        Object message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(message).as("a message within %d s", WAIT_SECONDS).isNotNull();
        return message;
    }
}
