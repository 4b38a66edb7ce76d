package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.link.RedisConnection;

/** The connections to one instance and their timing, as {@code instanceLink} in sentinel.c. */
public final class InstanceLink {
    RedisConnection cc;
    RedisConnection pc;
    boolean ccConnecting;
    boolean pcConnecting;
    long ccConnTime;
    long pcConnTime;
    long pcLastActivity;
    /** Send time of the oldest unanswered PING; 0 when none is pending. */
    long actPingTime;
    long lastPingTime;
    long lastPongTime;
    long lastAvailTime;
    long lastReconnTime;
    final boolean needsPubsub;
    /**
     * The first of the command link's connect attempts refused in a row (0: the last attempt was not refused),
     * and how many; a connect that succeeds clears both.
     */
    long refusedSince;
    int refusedInARow;
    /** The connection an INFO is outstanding on, so the fast poll never stacks requests. */
    RedisConnection infoPendingOn;

    InstanceLink(boolean needsPubsub, long now) {
        this.needsPubsub = needsPubsub;
        this.actPingTime = now;
        this.lastAvailTime = now;
        this.lastPongTime = now;
    }

    public long actPingTimeForReport() {
        return actPingTime;
    }

    public long lastAvailTimeForReport() {
        return lastAvailTime;
    }

    public long lastPongTimeForReport() {
        return lastPongTime;
    }

    public boolean disconnected() {
        return !ccUp() || (needsPubsub && !pcUp());
    }

    boolean ccUp() {
        return cc != null && cc.isActive() && !ccConnecting;
    }

    boolean pcUp() {
        return pc != null && pc.isActive() && !pcConnecting;
    }

    /** True when the last attempts were refused for at least {@code span} ms (two at least). */
    boolean refusedFor(long now, long span) {
        return refusedInARow >= 2 && now - refusedSince >= span && disconnected();
    }

    public int pendingCommands() {
        return cc == null ? 0 : cc.pendingCommands();
    }

    void close() {
        if (cc != null) {
            cc.close();
        }
        if (pc != null) {
            pc.close();
        }
        cc = null;
        pc = null;
        ccConnecting = false;
        pcConnecting = false;
    }
}
