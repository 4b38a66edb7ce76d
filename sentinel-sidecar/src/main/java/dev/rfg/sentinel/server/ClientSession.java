package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;
import dev.rfg.sentinel.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.LinkedHashSet;
import java.util.Set;

/** One client connection to the sentinel's port. */
public final class ClientSession {
    /** A pubsub client that lets this much output pile up is disconnected (memory bound). */
    private static final long MAX_PENDING_OUTPUT = 8L << 20;

    public final long id;
    public final Channel channel;
    public final long createdAt = System.currentTimeMillis();
    public String name = "";
    public String libName = "";
    public String libVersion = "";
    public int protocol = 2;
    public boolean authenticated;
    public String lastCommand = "NULL";
    public final Set<String> channels = new LinkedHashSet<>();
    public final Set<String> patterns = new LinkedHashSet<>();

    ClientSession(long id, Channel channel) {
        this.id = id;
        this.channel = channel;
    }

    public boolean inPubSub() {
        return !channels.isEmpty() || !patterns.isEmpty();
    }

    public void reply(Reply reply) {
        if (!channel.isActive()) {
            return;
        }
        if (channel.unsafe().outboundBuffer() != null
                && channel.unsafe().outboundBuffer().totalPendingWriteBytes() > MAX_PENDING_OUTPUT) {
            channel.close();
            return;
        }
        ByteBuf buf = channel.alloc().buffer();
        RespWriter.write(reply, protocol, buf);
        channel.write(buf, channel.voidPromise());
    }

    public void replyAndFlush(Reply reply) {
        reply(reply);
        channel.flush();
    }

    public String address() {
        return channel.remoteAddress() == null ? "?" : channel.remoteAddress().toString().replaceFirst("^.*/", "");
    }

    public String localAddress() {
        return channel.localAddress() == null ? "?" : channel.localAddress().toString().replaceFirst("^.*/", "");
    }
}
