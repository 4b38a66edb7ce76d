package dev.rfg.sentinel.engine;

import java.util.EnumSet;
import java.util.StringJoiner;

/** What masters, replicas and peer sentinels have in common (sentinelRedisInstance). */
public abstract sealed class Instance permits MasterInstance, ReplicaInstance, SentinelPeer {
    public final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
    public String host;
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

    public boolean addrEquals(String h, int p) {
        return port == p && host.equalsIgnoreCase(h);
    }

    public String addrString() {
        return host + ":" + port;
    }

    /** The {@code %@} expansion of event payloads. */
    public String describe() {
        String base = typeName() + " " + name() + " " + host + " " + port;
        if (this instanceof MasterInstance) {
            return base;
        }
        MasterInstance m = master();
        return base + " @ " + m.name + " " + m.host + " " + m.port;
    }
}
