package dev.rfg.sentinel.link;

import dev.rfg.sentinel.resp.NettyReplies;
import dev.rfg.sentinel.resp.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.redis.RedisMessage;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * One outbound connection to a redis-server or a sentinel. Replies are matched to commands in order;
 * messages that arrive with no command pending (Pub/Sub) go to the push handler. All calls and
 * callbacks run on the engine event loop.
 */
public final class RedisConnection extends SimpleChannelInboundHandler<RedisMessage> {
    private static final Consumer<Reply> IGNORE = r -> { };

    private final ArrayDeque<Consumer<Reply>> pending = new ArrayDeque<>();
    private final Consumer<Reply> pushHandler;
    private final Runnable onActivity;
    private Channel channel;
    private boolean subscribed;
    private boolean refused;

    RedisConnection(Consumer<Reply> pushHandler, Runnable onActivity) {
        this.pushHandler = pushHandler;
        this.onActivity = onActivity;
    }

    void attach(Channel ch) {
        this.channel = ch;
    }

    public boolean isActive() {
        return channel != null && channel.isActive();
    }

    /** True once the socket is closed: a failed connect or a dropped connection. */
    public boolean isClosed() {
        return channel != null && !channel.isOpen();
    }

    /** True when the connect attempt was refused (a reset to the SYN: nothing listens at the address). */
    public boolean refused() {
        return refused;
    }

    void markRefused() {
        refused = true;
    }

    public int pendingCommands() {
        return pending.size();
    }

    /** The peer's IP of this socket: what the name it was opened to resolved to. */
    public String remoteIp() {
        return channel != null && channel.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : null;
    }

    /** The local address of this socket, used as the announced IP in hellos. */
    public String localIp() {
        return channel != null && channel.localAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : null;
    }

    public void send(List<String> args, Consumer<Reply> callback) {
        if (!isActive()) {
            return;
        }
        pending.add(callback == null ? IGNORE : callback);
        channel.write(encode(args), channel.voidPromise());
    }

    /**
     * A command Redis answers with nothing when it succeeds ({@code REPLCONF GETACK}), followed by a PING so the
     * replies still pair with the commands: if the command was refused after all (an ACL, a renamed command), its
     * error arrives first and the PING's reply that follows is dropped. {@code ping} is PING as the server names it
     * (rename-command).
     */
    public void sendUnanswered(List<String> args, String ping) {
        if (!isActive()) {
            return;
        }
        channel.write(encode(args), channel.voidPromise());
        send(List.of(ping), reply -> {
            if (reply instanceof Reply.Error) {
                pending.addFirst(IGNORE);
            }
        });
    }

    /** Sends the commands of one pipelined batch in a single flush. */
    public void flush() {
        if (channel != null) {
            channel.flush();
        }
    }

    public void sendNow(List<String> args, Consumer<Reply> callback) {
        send(args, callback);
        flush();
    }

    /** After SUBSCRIBE, replies no longer pair with commands: every message goes to the push handler. */
    public void subscribe(String subscribeCommand, String channelName) {
        if (!isActive()) {
            return;
        }
        subscribed = true;
        channel.writeAndFlush(encode(List.of(subscribeCommand, channelName)), channel.voidPromise());
    }

    public void close() {
        if (channel != null) {
            channel.close();
        }
        pending.clear();
    }

    private ByteBuf encode(List<String> args) {
        ByteBuf buf = channel.alloc().buffer();
        buf.writeByte('*').writeBytes(Integer.toString(args.size()).getBytes(StandardCharsets.US_ASCII));
        buf.writeByte('\r').writeByte('\n');
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            buf.writeByte('$').writeBytes(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
            buf.writeByte('\r').writeByte('\n').writeBytes(b).writeByte('\r').writeByte('\n');
        }
        return buf;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RedisMessage msg) {
        Reply reply = NettyReplies.toReply(msg);
        onActivity.run();
        Consumer<Reply> cb = pending.poll();
        if (cb == null && subscribed && reply instanceof Reply.Error) {
            // The SUBSCRIBE itself was refused (-NOAUTH, -NOPERM): the link is useless, so drop it as
            // redis-sentinel (hiredis) does; the instance then shows as disconnected until a reconnect succeeds.
            ctx.close();
            return;
        }
        if (cb != null && !(subscribed && reply instanceof Reply.Arr)) {
            cb.accept(reply);
        } else {
            pushHandler.accept(reply);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
