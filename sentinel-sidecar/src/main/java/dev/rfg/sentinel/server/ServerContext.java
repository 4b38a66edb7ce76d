package dev.rfg.sentinel.server;

import dev.rfg.sentinel.acl.AclLog;
import dev.rfg.sentinel.acl.AclUsers;
import dev.rfg.sentinel.acl.ConfigUsers;
import dev.rfg.sentinel.config.ConfigException;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.engine.SentinelEngine;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the command handlers share: the engine state, the ACL users and log, subscriptions, connected clients and
 * counters.
 */
public final class ServerContext {
    /** Stock's default {@code maxclients}. */
    public static final int DEFAULT_MAX_CLIENTS = 10_000;

    public final Sentinel sentinel;
    public final SentinelEngine engine;
    public final PubSubRegistry pubsub = new PubSubRegistry();
    public final AclLog aclLog = new AclLog();
    private final AclUsers users;
    public final Map<Long, ClientSession> clients = new LinkedHashMap<>();
    /** A connection beyond this many clients gets {@code -ERR max number of clients reached} and is closed. */
    public int maxClients = DEFAULT_MAX_CLIENTS;
    public long nextClientId = 1;
    public long totalConnections;
    public long totalCommands;
    public long rejectedConnections;
    public long totalErrorReplies;
    public long netInputBytes;
    public long netOutputBytes;
    public long readsProcessed;
    public long writesProcessed;
    public Runnable shutdown = () -> System.exit(0);

    /** CLIENT PAUSE: until when (ms), and whether every command (ALL) or only PUBLISH (WRITE) is held. */
    long pauseEnd;
    boolean pauseAll;

    /** INFO's instantaneous_* figures, sampled every 100 ms over the last 16 samples as stock does. */
    final Metric opsPerSec = new Metric();
    final Metric inputBytesPerSec = new Metric();
    final Metric outputBytesPerSec = new Metric();

    /** Loads the config's users; a bad user line (which the standalone start reports before) is an error. */
    public ServerContext(Sentinel sentinel, SentinelEngine engine) {
        this.sentinel = sentinel;
        this.engine = engine;
        try {
            users = ConfigUsers.load(sentinel.config, AclCatalog.SENTINEL);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        for (String name : ConfigUsers.disabled(sentinel.config, users)) {
            LoggerFactory.getLogger(ServerContext.class).info("The user '{}' is disabled (there is no 'on' modifier "
                    + "in the user description). Make sure this is not a configuration error.", name);
        }
        sentinel.userState = () -> ConfigUsers.lines(acl());
    }

    /** The users; the default user's password follows requirepass (Kubernetes mode changes it live). */
    public AclUsers acl() {
        users.syncRequirepass(sentinel.config.requirepass, sentinel.config.alsoAccepted);
        return users;
    }

    /**
     * Removes a user as ACL DELUSER does, for the Kubernetes mode's own user management (on the loop): its
     * connections are closed. Returns whether there was one.
     */
    public boolean deleteUser(String name) {
        dev.rfg.sentinel.acl.User u = acl().delete(name);
        if (u != null) {
            AclUserCommands.closeClientsOf(this, null, u);
        }
        return u != null;
    }

    boolean paused(long now) {
        return pauseEnd > now;
    }

    void sampleMetrics(long now) {
        opsPerSec.sample(now, totalCommands);
        inputBytesPerSec.sample(now, netInputBytes);
        outputBytesPerSec.sample(now, netOutputBytes);
    }

    /** trackInstantaneousMetric / getInstantaneousMetric of server.c. */
    static final class Metric {
        private final long[] samples = new long[16];
        private int idx;
        private long lastTime;
        private long lastValue;

        void sample(long now, long value) {
            if (lastTime != 0 && now > lastTime) {
                samples[idx] = (value - lastValue) * 1000 / (now - lastTime);
                idx = (idx + 1) % samples.length;
            }
            lastTime = now;
            lastValue = value;
        }

        long perSecond() {
            long sum = 0;
            for (long s : samples) {
                sum += s;
            }
            return sum / samples.length;
        }
    }
}
