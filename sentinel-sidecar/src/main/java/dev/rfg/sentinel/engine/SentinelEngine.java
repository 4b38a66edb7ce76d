package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.config.MasterConfig;
import dev.rfg.sentinel.config.SentinelConfig;
import dev.rfg.sentinel.events.SentinelEvent;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The timer of sentinel.c: every 50–100 ms, handle every instance, then switch finished failovers. */
public final class SentinelEngine {
    private final Sentinel s;

    public SentinelEngine(Sentinel s) {
        this.s = s;
    }

    /** Builds the instances from the config; generates a myid if there is none. */
    public void load() {
        SentinelConfig cfg = s.config;
        s.myId = cfg.myId != null ? cfg.myId : newRunId();
        s.currentEpoch = cfg.currentEpoch;
        long now = s.clock.now();
        for (MasterConfig mc : cfg.masters.values()) {
            MasterInstance m = createMaster(mc.name, mc.host, mc.port, mc.quorum, now);
            m.downAfterMs = mc.downAfterMs;
            m.failoverTimeoutMs = mc.failoverTimeoutMs;
            m.parallelSyncs = mc.parallelSyncs;
            m.authPass = mc.authPass;
            m.authUser = mc.authUser;
            m.masterRebootDownAfterMs = mc.masterRebootDownAfterMs;
            m.notificationScript = mc.notificationScript;
            m.clientReconfigScript = mc.clientReconfigScript;
            m.configEpoch = mc.configEpoch;
            m.leaderEpoch = mc.leaderEpoch;
            for (String[] r : mc.renamedCommands) {
                m.renamedCommands.put(r[0].toUpperCase(java.util.Locale.ROOT), r[1]);
            }
            for (MasterConfig.KnownReplica r : mc.knownReplicas) {
                ReplicaInstance ri = new ReplicaInstance(m, r.host(), r.port(), now);
                m.replicas.putIfAbsent(ri.name(), ri);
            }
            for (MasterConfig.KnownSentinel k : mc.knownSentinels) {
                if (k.runId() != null && !k.runId().equalsIgnoreCase(s.myId)) {
                    m.sentinels.put(k.runId(), new SentinelPeer(m, k.host(), k.port(), k.runId(), now));
                }
            }
        }
    }

    public MasterInstance createMaster(String name, String host, int port, int quorum, long now) {
        MasterInstance m = new MasterInstance(name, host, port, quorum, now);
        m.downAfterMs = s.timers.defaultDownAfter;
        m.failoverTimeoutMs = s.timers.defaultFailoverTimeout;
        s.masters.put(name, m);
        return m;
    }

    public static String newRunId() {
        byte[] b = new byte[20];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public void start() {
        for (MasterInstance m : s.masters.values()) {
            s.event(SentinelEvent.Level.WARNING, "+monitor", m, "quorum " + m.quorum);
        }
        s.previousTickTime = s.clock.wallMillis();
        schedule();
    }

    private void schedule() {
        // Re-randomised every tick (server.hz = 10 + rand()%10) so sentinels do not run in lock-step.
        long delay = 1000 / (10 + Sentinel.random(10));
        s.loop.schedule(this::tickSafely, delay, TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SentinelEngine.class).error("timer tick failed", e);
        } finally {
            schedule();
        }
    }

    void tick() {
        checkTilt();
        s.scripts.tick();
        for (MasterInstance m : List.copyOf(s.masters.values())) {
            if (s.masters.get(m.name) != m) {
                continue;
            }
            handle(m);
            for (ReplicaInstance r : new ArrayList<>(m.replicas.values())) {
                handle(r);
            }
            for (SentinelPeer p : new ArrayList<>(m.sentinels.values())) {
                handle(p);
            }
            if (m.failoverState == FailoverState.UPDATE_CONFIG) {
                s.failover.switchToPromoted(m);
            }
        }
    }

    private void handle(Instance ri) {
        s.linkConnector.reconnect(ri);
        s.links.sendPeriodic(ri);
        long now = s.clock.now();
        if (s.tilt) {
            if (now - s.tiltStartTime < s.timers.tiltPeriod) {
                return;
            }
            s.tilt = false;
            s.rawEvent("-tilt", null, "#tilt mode exited");
        }
        s.down.checkSubjectivelyDown(ri, now);
        if (ri instanceof MasterInstance m) {
            s.down.checkObjectivelyDown(m, now);
            if (s.failover.startIfNeeded(m)) {
                s.asker.ask(m, true);
            }
            s.failover.run(m);
            s.asker.ask(m, false);
        }
    }

    private void checkTilt() {
        // The wall clock on purpose: TILT is there to notice a jump of the system clock or a frozen process.
        long wall = s.clock.wallMillis();
        long delta = wall - s.previousTickTime;
        if (delta < 0 || delta > s.timers.tiltTrigger) {
            s.tilt = true;
            s.tiltStartTime = s.clock.now();
            s.rawEvent("+tilt", null, "#tilt mode entered");
        }
        s.previousTickTime = wall;
    }
}
