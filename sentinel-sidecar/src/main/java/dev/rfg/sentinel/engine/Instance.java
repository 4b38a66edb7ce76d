package dev.rfg.sentinel.engine;

import java.util.EnumSet;
import java.util.StringJoiner;

/** What masters, replicas and peer sentinels have in common (sentinelRedisInstance). */
public abstract sealed class Instance permits MasterInstance, ReplicaInstance, SentinelPeer {
    public final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
    /** The address as configured or announced: a hostname or an IP literal. Links connect to it. */
    public String host;
    /**
     * The IP {@link #host} resolved to: the literal itself, or the remote address of the last connection made to
     * the name (null until one was made). Stock keeps both too (sentinelAddr's hostname and ip), so an instance
     * known by name is the same one when a peer or Redis names it by IP.
     */
    public String ip;
    public int port;
    public String runId;
    public InstanceLink link;
    public long downAfterMs;
    public long sDownSinceTime;
    public long oDownSinceTime;
    public long lastPubTime;
    public long lastHelloTime;
    public long infoRefresh;
    /** Starts as the role of its kind, as in redis-sentinel: a new replica's first INFO as a slave is no change. */
    public Role roleReported;
    public long roleReportedTime;
    public String infoCache;
    public long infoCacheTime;

    protected Instance(String host, int port, Flag kind, boolean pubsub, long now) {
        this.host = host;
        this.ip = ipLiteralOrNull(host);
        this.port = port;
        this.flags.add(kind);
        this.link = new InstanceLink(pubsub, now);
        this.roleReportedTime = now;
        this.roleReported = kind == Flag.SLAVE ? Role.SLAVE : Role.MASTER;
    }

    /** The master this instance belongs to (itself for a master). */
    public abstract MasterInstance master();

    public abstract String name();

    /** "master", "slave" or "sentinel", as in event payloads. */
    public String typeName() {
        return flags.contains(Flag.MASTER) ? "master" : flags.contains(Flag.SLAVE) ? "slave" : "sentinel";
    }

    public boolean has(Flag f) {
        return f == Flag.DISCONNECTED ? link.disconnected() : flags.contains(f);
    }

    public String flagsString() {
        StringJoiner j = new StringJoiner(",");
        for (Flag f : Flag.values()) {
            if (has(f)) {
                j.add(f.wire);
            }
        }
        return j.toString();
    }

    /** Same port, and {@code h} is this instance's host or its resolved IP. */
    public boolean addrEquals(String h, int p) {
        return port == p && h != null && (host.equalsIgnoreCase(h) || h.equals(ip));
    }

    /** Moves the instance to another address; its IP is known again once a connection to it was made. */
    public void moveTo(String newHost, int newPort) {
        host = newHost;
        ip = ipLiteralOrNull(newHost);
        port = newPort;
    }

    static String ipLiteralOrNull(String h) {
        if (h == null || h.isEmpty()) {
            return null;
        }
        if (h.indexOf(':') >= 0) {
            return h; // IPv6 literal
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return null;
            }
        }
        return h;
    }

    public String addrString() {
        return host + ":" + port;
    }
}
