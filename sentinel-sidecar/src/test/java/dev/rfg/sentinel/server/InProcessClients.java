package dev.rfg.sentinel.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;

import java.nio.charset.StandardCharsets;

/** Clients of the server's real pipeline over Netty's EmbeddedChannel: raw RESP in, raw bytes out, no sockets. */
final class InProcessClients {
    private InProcessClients() {}

    static EmbeddedChannel client(ServerContext ctx, Dispatcher dispatcher) {
        return new EmbeddedChannel(new RedisDecoder(true), new RedisBulkStringAggregator(),
                new RedisArrayAggregator(), new RequestHandler(ctx, dispatcher));
    }

    /** Sends one command (as a RESP array) and returns everything written back. */
    static String send(EmbeddedChannel ch, String... args) {
        StringBuilder req = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            req.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        ch.writeInbound(Unpooled.copiedBuffer(req, StandardCharsets.UTF_8));
        ch.runPendingTasks();
        return drain(ch);
    }

    /** Everything written back so far. */
    static String drain(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }
}
