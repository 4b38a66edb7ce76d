package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.config.SentinelConfig;
import dev.rfg.sentinel.events.EventBus;
import dev.rfg.sentinel.events.SentinelEvent;
import dev.rfg.sentinel.link.Connector;
import io.netty.channel.EventLoop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The state of this sentinel and the parts that act on it. Everything here is owned by the engine
 * event loop: it is read and written from that thread only.
 */
public final class Sentinel {
    public final SentinelConfig config;
    /** Every interval of the engine is measured on this clock (TILT alone reads its wall clock). */
    public final Clock clock;
    public final Timers timers = new Timers();
    public final EventBus events;
    public final EventLoop loop;
    public final Connector connector;
    public final Map<String, MasterInstance> masters = new LinkedHashMap<>();
    public final long startTime;
    public VoterPolicy voterPolicy = VoterPolicy.EVER_SEEN;
    /**
     * Kubernetes mode: which announced hosts may be a replica or a peer sentinel (the group's pods below the
     * configured size). Others are neither added from INFO or hellos nor counted. Standalone: everything.
     */
    public java.util.function.Predicate<String> memberFilter = host -> true;
    /** Kubernetes mode with a new state file: no votes for a while, epochs heard meanwhile count as voted. */
    public VoteGate voteGate = VoteGate.open();
    /**
     * Kubernetes mode: votes go only to this sentinel and to known peers (members of the group, see
     * {@link #memberFilter}); stock votes for any requester.
     */
    public boolean votesForMembersOnly;
    /** False in Kubernetes mode: passwords come from the mounted Secret at every start, never from the state file. */
    public boolean persistSecrets = true;
    /**
     * The ACL users as config lines (the server's user registry), for the rewrite; null without a server, when
     * the users read from the config are written back as they were.
     */
    public java.util.function.Supplier<java.util.List<dev.rfg.sentinel.config.UserLine>> userState;
    /** RFG switchovers (SENTINEL SWITCHOVER). */
    public final Switchover switchover;
    /** RFG fast paths (README "Deviations"); {@code -Drfg.fastPaths=false} gives stock timing. */
    /**
     * Kubernetes mode's crash fast path: a master whose address refuses connections is SDOWN at once, not after
     * down-after. In a pod that means no Redis listens there (crashed, OOM-killed, shut down) while the pod and its
     * address live; a blocked or slow Redis still completes the handshake (the kernel accepts into the backlog),
     * and a frozen, partitioned or lost one times out instead, so those keep down-after. ODOWN still needs the
     * quorum and the failover a majority's votes. Off outside Kubernetes mode (stock semantics) unless the
     * system property {@code rfg.refusalMeansDown} is true (the tests of this rule on loopback use that).
     */
    public boolean refusalMeansDown = Boolean.getBoolean("rfg.refusalMeansDown");
    public boolean fastPaths = !"false".equals(System.getProperty("rfg.fastPaths"));

    public String myId;
    public long currentEpoch;
    public boolean tilt;
    public long tiltStartTime;
    public long previousTickTime;
    public boolean simulateCrashAfterElection;
    public boolean simulateCrashAfterPromotion;

    public final ConfigPersister persister;
    public final LinkConnector linkConnector;
    public final LinkManager links;
    public final InfoProcessor info;
    public final HelloProcessor hello;
    public final DownDetector down;
    public final Election election;
    public final PeerAsker asker;
    public final FailoverStateMachine failover;
    public final AddressSwitcher switcher;
    public final ScriptRunner scripts;

    public Sentinel(SentinelConfig config, EventBus events, EventLoop loop) {
        this(config, events, loop, Clock.SYSTEM);
    }

    public Sentinel(SentinelConfig config, EventBus events, EventLoop loop, Clock clock) {
        this.clock = clock;
        this.startTime = clock.wallMillis();
        this.config = config;
        this.events = events;
        this.loop = loop;
        this.connector = new Connector(loop);
        this.persister = new ConfigPersister(this);
        this.linkConnector = new LinkConnector(this);
        this.links = new LinkManager(this);
        this.info = new InfoProcessor(this);
        this.hello = new HelloProcessor(this);
        this.down = new DownDetector(this);
        this.election = new Election(this);
        this.asker = new PeerAsker(this);
        this.failover = new FailoverStateMachine(this);
        this.switcher = new AddressSwitcher(this);
        this.switchover = new Switchover(this);
        this.scripts = new ScriptRunner(this);
        events.addListener(scripts);
    }

    /** The system clock's {@link Clock#now()}, for code outside the engine; the engine uses {@link #clock}. */
    public static long now() {
        return Clock.SYSTEM.now();
    }

    public static long random(long bound) {
        return ThreadLocalRandom.current().nextLong(bound);
    }

    public void event(SentinelEvent.Level level, String type, Instance ri, String extra) {
        String payload = ri == null ? extra : extra == null ? describe(ri) : describe(ri) + " " + extra;
        MasterInstance m = ri == null ? null : ri.master();
        events.emit(new SentinelEvent(level, type, payload, m == null ? null : m.name, m == null ? 0 : m.configEpoch));
    }

    public void event(String type, Instance ri, String extra) {
        event(SentinelEvent.Level.WARNING, type, ri, extra);
    }

    /**
     * The address clients and peers are told for an instance (announceSentinelAddr): its hostname with
     * announce-hostnames yes, else its IP (the name itself while no connection has resolved it yet).
     */
    public String announced(Instance ri) {
        return config.announceHostnames || ri.ip == null ? ri.host : ri.ip;
    }

    /** The {@code %@} expansion of event payloads: "type name host port", and "@ master host port" for others. */
    public String describe(Instance ri) {
        String base = ri.typeName() + " " + ri.name() + " " + announced(ri) + " " + ri.port;
        if (ri instanceof MasterInstance) {
            return base;
        }
        MasterInstance m = ri.master();
        return base + " @ " + m.name + " " + announced(m) + " " + m.port;
    }

    /** An event whose payload is not prefixed by an instance description. */
    public void rawEvent(String type, MasterInstance m, String payload) {
        events.emit(new SentinelEvent(SentinelEvent.Level.WARNING, type, payload,
                m == null ? null : m.name, m == null ? 0 : m.configEpoch));
    }

    /** Adopts a higher epoch seen on the wire, persisting it first. */
    public void adoptEpoch(long epoch) {
        if (epoch > currentEpoch) {
            currentEpoch = epoch;
            persister.flush();
            rawEvent("+new-epoch", null, Long.toString(epoch));
        }
    }

    /**
     * Adds {@code host:port} as a replica of {@code m} unless it is known already or not a member; emits
     * {@code +slave}. Returns the new replica, or null. The caller persists.
     */
    public ReplicaInstance addReplica(MasterInstance m, String host, int port) {
        String key = ReplicaInstance.nameFor(host, port);
        if (m.replicas.containsKey(key) || !memberFilter.test(host)
                || m.replicas.values().stream().anyMatch(r -> r.addrEquals(host, port))) {
            return null; // known, also when INFO names by IP a replica known by name (or the other way round)
        }
        ReplicaInstance r = new ReplicaInstance(m, host, port, clock.now());
        m.replicas.put(key, r);
        event(SentinelEvent.Level.NOTICE, "+slave", r, null);
        return r;
    }

    /**
     * Kubernetes mode: forgets replicas and peer sentinels that are no longer members (a scale-down), except
     * instances a running failover uses. Returns how many were dropped; persists when any was.
     */
    public int pruneNonMembers() {
        int dropped = 0;
        for (MasterInstance m : masters.values()) {
            boolean failing = m.has(Flag.FAILOVER_IN_PROGRESS);
            for (var it = m.replicas.values().iterator(); it.hasNext(); ) {
                ReplicaInstance r = it.next();
                if (!memberFilter.test(r.host) && !(failing && r == m.promoted)) {
                    r.link.close();
                    it.remove();
                    dropped++;
                    event(SentinelEvent.Level.NOTICE, "-slave", r, "not a member of the group");
                }
            }
            for (var it = m.sentinels.values().iterator(); it.hasNext(); ) {
                SentinelPeer p = it.next();
                if (!memberFilter.test(p.host)) {
                    p.link.close();
                    it.remove();
                    dropped++;
                    event(SentinelEvent.Level.NOTICE, "-sentinel", p, "not a member of the group");
                }
            }
        }
        if (dropped > 0) {
            persister.flush();
        }
        return dropped;
    }

    public int announcePort() {
        return config.announcePort != 0 ? config.announcePort : config.port;
    }

    public MasterInstance masterByAddr(String host, int port) {
        for (MasterInstance m : masters.values()) {
            if (m.addrEquals(host, port)) {
                return m;
            }
        }
        return null;
    }

    /** The address clients should use: the promoted replica's once the promotion is acknowledged. */
    public static Instance currentMasterAddress(MasterInstance m) {
        if (m.has(Flag.FAILOVER_IN_PROGRESS) && m.promoted != null
                && m.failoverState.ordinal() >= FailoverState.RECONF_SLAVES.ordinal()) {
            return m.promoted;
        }
        return m;
    }

    public void crash(String why) {
        org.slf4j.LoggerFactory.getLogger(Sentinel.class).warn("Simulated failure: {}, exiting with 99", why);
        Runtime.getRuntime().halt(99);
    }
}
