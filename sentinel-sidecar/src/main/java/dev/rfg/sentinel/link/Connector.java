package dev.rfg.sentinel.link;

import dev.rfg.sentinel.resp.FrameLimits;
import dev.rfg.sentinel.resp.Reply;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;

import java.net.ConnectException;
import java.util.function.Consumer;

/** Opens outbound RESP2 connections on the engine event loop. */
public final class Connector {
    private final EventLoop loop;
    private final Bootstrap bootstrap;

    public Connector(EventLoop loop) {
        this.loop = loop;
        // The JDK's resolver, off the loop (OffLoopResolverGroup); Netty's own DNS resolver, with its own cache,
        // is never used.
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .resolver(OffLoopResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
    }

    /**
     * Connects; {@code onConnected} runs once the socket is up, {@code onClosed} when it goes down or
     * fails to connect. Both run on the event loop, always after this method has returned.
     */
    /**
     * The largest replies a link accepts. The biggest a sentinel asks for is INFO (some KiB, about 100 bytes per
     * replica) and EXEC's array of five; a peer or a Redis that announces more is broken or hostile, and its
     * reply must not be buffered by a sentinel whose heap is 12 MiB. The link is closed instead.
     */
    static final long MAX_REPLY_BULK = 1L << 20;
    static final int MAX_REPLY_ELEMENTS = 1024;

    public RedisConnection connect(String host, int port, Consumer<Reply> pushHandler, Runnable onActivity,
                                   Consumer<RedisConnection> onConnected, Consumer<RedisConnection> onClosed) {
        RedisConnection conn = new RedisConnection(pushHandler, onActivity);
        ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new RedisDecoder(), new FrameLimits(MAX_REPLY_BULK, MAX_REPLY_ELEMENTS),
                        new RedisBulkStringAggregator(), new RedisArrayAggregator(), conn);
            }
        }).connect(host, port);
        conn.attach(f.channel());
        // Called on the loop, connect() can complete before it returns: a name that does not resolve fails at
        // once, a loopback connect may succeed at once. A callback run then would reach the caller before it
        // has stored the returned connection, and be taken for a stale one. Hence the next turn of the loop.
        f.addListener(done -> loop.execute(() -> {
            if (done.isSuccess()) {
                onConnected.accept(conn);
                f.channel().closeFuture().addListener(c -> onClosed.accept(conn));
            } else {
                if (isRefusal(done.cause())) {
                    conn.markRefused();
                }
                onClosed.accept(conn);
            }
        }));
        return conn;
    }

    /** A reset answering the SYN; not a timeout (which Netty also reports as a ConnectException) or no route. */
    static boolean isRefusal(Throwable cause) {
        return cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException)
                && cause.getMessage() != null && cause.getMessage().contains("Connection refused");
    }
}
