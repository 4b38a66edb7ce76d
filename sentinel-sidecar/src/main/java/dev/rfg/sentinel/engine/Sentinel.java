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
    public final Timers timers = new Timers();
    public final EventBus events;
    public final EventLoop loop;
    public final Connector connector;
    public final Map<String, MasterInstance> masters = new LinkedHashMap<>();
    public final long startTime = System.currentTimeMillis();
    public VoterPolicy voterPolicy = VoterPolicy.EVER_SEEN;
    /** RFG fast paths (README "Deviations"); {@code -Drfg.fastPaths=false} gives stock timing. */
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

    public Sentinel(SentinelConfig config, EventBus events, EventLoop loop) {
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
    }

    public static long now() {
        return System.currentTimeMillis();
    }

    public static long random(long bound) {
        return ThreadLocalRandom.current().nextLong(bound);
    }

    public void event(SentinelEvent.Level level, String type, Instance ri, String extra) {
        String payload = ri == null ? extra : extra == null ? ri.describe() : ri.describe() + " " + extra;
        MasterInstance m = ri == null ? null : ri.master();
        events.emit(new SentinelEvent(level, type, payload, m == null ? null : m.name, m == null ? 0 : m.configEpoch));
    }

    public void event(String type, Instance ri, String extra) {
        event(SentinelEvent.Level.WARNING, type, ri, extra);
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
