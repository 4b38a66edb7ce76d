package dev.rfg.sentinel.server;

import dev.rfg.sentinel.config.ConfigTokenizer;
import dev.rfg.sentinel.resp.Reply;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns decoded requests (arrays of bulk strings, or inline lines) into argument lists for the
 * dispatcher. Anything else is a protocol error: the client gets an error and is disconnected.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] MAX_CLIENTS_ERROR =
            "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);
    private final ServerContext ctx;
    private final Dispatcher dispatcher;
    private ClientSession session;

    RequestHandler(ServerContext ctx, Dispatcher dispatcher) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelActive(ChannelHandlerContext c) {
        if (ctx.clients.size() >= ctx.maxClients) {
            // acceptCommonHandler: written raw, before any protocol is agreed.
            ctx.rejectedConnections++;
            c.writeAndFlush(c.alloc().buffer().writeBytes(MAX_CLIENTS_ERROR)).addListener(f -> c.close());
            return;
        }
        session = new ClientSession(ctx.nextClientId++, c.channel(), ctx);
        session.user = ctx.acl().defaultUser();
        session.authenticated = !ctx.acl().authRequired();
        ctx.clients.put(session.id, session);
        ctx.totalConnections++;
        c.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        if (session != null) {
            ctx.clients.remove(session.id);
            ctx.pubsub.dropClient(session);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        try {
            List<String> args = toArgs((RedisMessage) msg);
            if (args == null) {
                protocolError(c, "expected '*', got something else");
                return;
            }
            if (!args.isEmpty() && c.channel().isActive() && session != null) {
                dispatcher.dispatch(session, args);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext c) {
        if (c.channel().unsafe().outboundBuffer() != null
                && c.channel().unsafe().outboundBuffer().totalPendingWriteBytes() > 0) {
            ctx.writesProcessed++;
        }
        c.flush();
    }

    private static List<String> toArgs(RedisMessage msg) {
        if (msg instanceof InlineCommandRedisMessage inline) {
            List<String> args = ConfigTokenizer.split(inline.content());
            return args == null ? null : args;
        }
        if (msg instanceof ArrayRedisMessage array && !array.isNull()) {
            List<String> args = new ArrayList<>(array.children().size());
            for (RedisMessage child : array.children()) {
                if (!(child instanceof FullBulkStringRedisMessage bulk) || bulk.isNull()) {
                    return null;
                }
                args.add(bulk.content().toString(StandardCharsets.UTF_8));
            }
            return args;
        }
        return null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        String what = cause instanceof DecoderException && cause.getCause() != null
                ? cause.getCause().getMessage() : cause.getMessage();
        protocolError(c, what == null ? "invalid request" : what);
    }

    private void protocolError(ChannelHandlerContext c, String what) {
        if (c.channel().isActive() && session != null) {
            session.replyAndFlush(Reply.error("ERR Protocol error: " + what.replace('\n', ' ')));
        }
        c.close();
    }
}
