package dev.rfg.sentinel.server;

import dev.rfg.sentinel.events.SentinelEvent;
import dev.rfg.sentinel.resp.FrameLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The sentinel's RESP port: Netty's redis codec with inline commands, on the engine event loop. */
public final class SentinelServer {
    /** Sentinel commands are small; a request bigger than this is refused before it is buffered. */
    static final long MAX_BULK = 64 * 1024;
    static final long MAX_ARGS = 1024;

    private final ServerContext ctx;
    private final Dispatcher dispatcher;
    private final List<Channel> listeners = new ArrayList<>();

    public SentinelServer(ServerContext ctx) {
        this.ctx = ctx;
        this.dispatcher = new Dispatcher(ctx);
        ctx.sentinel.events.addListener(this::publish);
    }

    private void publish(SentinelEvent e) {
        if (e.level() != SentinelEvent.Level.DEBUG) {
            ctx.pubsub.publish(e.type(), e.payload());
        }
    }

    public void bind(EventLoopGroup group, List<String> addresses, int port) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 511)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new InputCounter(ctx), new RedisDecoder(true),
                                new FrameLimits(MAX_BULK, MAX_ARGS),
                                new RedisBulkStringAggregator(), new RedisArrayAggregator(),
                                new RequestHandler(ctx, dispatcher));
                    }
                });
        // serverCron's trackInstantaneousMetric, for INFO's instantaneous_* figures.
        ctx.sentinel.loop.scheduleAtFixedRate(() -> ctx.sampleMetrics(System.currentTimeMillis()), 100, 100,
                TimeUnit.MILLISECONDS);
        List<String> addrs = addresses.isEmpty() ? List.of("0.0.0.0") : addresses;
        for (String a : addrs) {
            String host = a.startsWith("-") ? a.substring(1) : a;
            if (host.equals("*")) {
                host = "0.0.0.0";
            }
            try {
                listeners.add(b.bind(host, port).sync().channel());
            } catch (Exception e) {
                // stock's wording: the log is where a failed start is read (the suite treats any stderr as a bug)
                throw new IllegalStateException("Warning: Could not create server TCP listening socket " + a + ":"
                        + port + ": bind: " + (e.getMessage() != null ? e.getMessage() : e), e);
            }
        }
    }

    public void close() {
        listeners.forEach(Channel::close);
    }

    /** Counts the bytes and reads of a client connection (INFO total_net_input_bytes, total_reads_processed). */
    static final class InputCounter extends ChannelInboundHandlerAdapter {
        private final ServerContext ctx;

        InputCounter(ServerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext c, Object msg) {
            if (msg instanceof ByteBuf b) {
                ctx.netInputBytes += b.readableBytes();
                ctx.readsProcessed++;
            }
            c.fireChannelRead(msg);
        }
    }
}
