package dev.rfg.sentinel.server;

import dev.rfg.sentinel.acl.User;
import dev.rfg.sentinel.resp.Reply;
import dev.rfg.sentinel.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One client connection to the sentinel's port. */
public final class ClientSession {
    /** A pubsub client that lets this much output pile up is disconnected (memory bound). */
    private static final long MAX_PENDING_OUTPUT = 8L << 20;

    public final long id;
    public final Channel channel;
    public final long createdAt = System.currentTimeMillis();
    /** When the client last sent a command (CLIENT LIST {@code idle}). */
    public long lastInteraction = createdAt;
    public String name = "";
    public String libName = "";
    public String libVersion = "";
    public int protocol = 2;
    /** The user the connection runs as: {@code default} until AUTH or HELLO AUTH names another one. */
    public User user;
    /** Whether it logged in (or needed not: the default user was on and nopass when it connected). */
    public boolean authenticated;
    /** The full name ({@code client|list}) of the last command looked up, "NULL" for an unknown one. */
    public String lastCommand = "NULL";
    public final Set<String> channels = new LinkedHashSet<>();
    public final Set<String> patterns = new LinkedHashSet<>();

    /** CLIENT REPLY OFF / SKIP: replies are dropped (prepareClientToWrite). */
    boolean replyOff;
    boolean replySkip;
    boolean replySkipNext;
    /** CLIENT NO-EVICT (flag {@code e}); there is no client eviction here, it is only reported. */
    boolean noEvict;
    /** CLIENT TRACKING state: no key is ever tracked on a sentinel, so no invalidation is ever sent. */
    boolean tracking;
    boolean trackingBcast;
    boolean trackingOptin;
    boolean trackingOptout;
    boolean trackingNoloop;
    boolean trackingCaching;
    long trackingRedirect;
    final Set<String> trackingPrefixes = new TreeSet<>();
    /** Commands held while clients are paused (CLIENT PAUSE), in arrival order. */
    final Deque<List<String>> postponed = new ArrayDeque<>();

    private final ServerContext ctx;

    ClientSession(long id, Channel channel, ServerContext ctx) {
        this.id = id;
        this.channel = channel;
        this.ctx = ctx;
    }

    public boolean inPubSub() {
        return !channels.isEmpty() || !patterns.isEmpty();
    }

    public void reply(Reply reply) {
        if (reply.isError() && ctx != null) {
            ctx.totalErrorReplies++;
        }
        if (!channel.isActive() || replyOff || replySkip) {
            return;
        }
        if (channel.unsafe().outboundBuffer() != null
                && channel.unsafe().outboundBuffer().totalPendingWriteBytes() > MAX_PENDING_OUTPUT) {
            channel.close();
            return;
        }
        ByteBuf buf = channel.alloc().buffer();
        RespWriter.write(reply, protocol, buf);
        if (ctx != null) {
            ctx.netOutputBytes += buf.readableBytes();
        }
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

    /** The {@code flags} field of CLIENT LIST (catClientInfoString, the flags a sentinel client can have). */
    String flags() {
        StringBuilder f = new StringBuilder();
        if (inPubSub()) {
            f.append('P');
        }
        if (tracking) {
            f.append('t');
        }
        if (trackingBcast) {
            f.append('B');
        }
        if (noEvict) {
            f.append('e');
        }
        return f.isEmpty() ? "N" : f.toString();
    }

    void disableTracking() {
        tracking = false;
        trackingBcast = false;
        trackingOptin = false;
        trackingOptout = false;
        trackingNoloop = false;
        trackingCaching = false;
        trackingRedirect = 0;
        trackingPrefixes.clear();
    }
}
