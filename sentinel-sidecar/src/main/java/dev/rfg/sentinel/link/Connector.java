package dev.rfg.sentinel.link;

import dev.rfg.sentinel.resp.FrameLimits;
import dev.rfg.sentinel.resp.Reply;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;

import java.util.function.Consumer;

/** Opens outbound RESP2 connections on the engine event loop. */
public final class Connector {
    private final Bootstrap bootstrap;

    public Connector(EventLoopGroup loop) {
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
    }

    /**
     * Connects; {@code onConnected} runs once the socket is up, {@code onClosed} when it goes down or
     * fails to connect. Both run on the event loop.
     */
    public RedisConnection connect(String host, int port, Consumer<Reply> pushHandler, Runnable onActivity,
                                   Consumer<RedisConnection> onConnected, Consumer<RedisConnection> onClosed) {
        RedisConnection conn = new RedisConnection(pushHandler, onActivity);
        ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new RedisDecoder(), new FrameLimits(64L << 20, 1 << 20),
                        new RedisBulkStringAggregator(), new RedisArrayAggregator(), conn);
            }
        }).connect(host, port);
        conn.attach(f.channel());
        f.addListener(done -> {
            if (done.isSuccess()) {
                onConnected.accept(conn);
                f.channel().closeFuture().addListener(c -> onClosed.accept(conn));
            } else {
                onClosed.accept(conn);
            }
        });
        return conn;
    }
}
