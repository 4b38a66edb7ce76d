package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.link.RedisConnection;
import dev.rfg.sentinel.resp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * RFG: {@code SENTINEL SWITCHOVER <master> <host> <port>}, a planned failover to a chosen replica. It runs the
 * failover state machine as a forced failover (like SENTINEL FAILOVER: no election), except that the promotion
 * is Redis's own {@code FAILOVER TO <host> <port> TIMEOUT <failover-timeout>} sent to the current master, which
 * pauses writes until the target has caught up and then swaps the roles itself: no acknowledged write is lost.
 * The rest (config epoch, +switch-master, hellos, replica reconfiguration) is the ordinary failover's.
 */
public final class Switchover {
    private static final Logger LOG = LoggerFactory.getLogger(Switchover.class);
    private final Sentinel s;

    Switchover(Sentinel s) {
        this.s = s;
    }

    /** Starts it and returns null, or returns the error text (without the leading '-'). */
    public String request(MasterInstance m, String host, int port) {
        if (m.has(Flag.FAILOVER_IN_PROGRESS)) {
            return "INPROG Failover already in progress";
        }
        ReplicaInstance target = null;
        for (ReplicaInstance r : m.replicas.values()) {
            if (r.addrEquals(host, port)) {
                target = r;
            }
        }
        long now = s.clock.now();
        String why = target == null ? "is not a known replica of this master" : notInSync(m, target, now);
        if (why != null) {
            return "NOGOODSLAVE The target " + why;
        }
        if (m.link.disconnected() || m.has(Flag.S_DOWN) || m.roleReported != Role.MASTER) {
            return "NOGOODSLAVE The master is not reachable: use SENTINEL FAILOVER";
        }
        LOG.warn("Executing user requested SWITCHOVER of '{}' to {}:{}", m.name, host, port);
        m.switchoverTarget = target;
        s.failover.start(m, true);
        s.persister.flush();
        s.failover.run(m);
        return null;
    }

    /**
     * The replica a switchover away from {@code m} would pick when nobody names one (a terminating master's
     * preStop): the failover's order (priority, then replication offset, then run id) among the replicas
     * {@link #request} would accept; null when none would be.
     */
    public ReplicaInstance bestTarget(MasterInstance m) {
        long now = s.clock.now();
        return m.replicas.values().stream().filter(r -> notInSync(m, r, now) == null)
                .min(ReplicaSelector.ORDER).orElse(null);
    }

    /** Null when the target is a connected replica of {@code m}, link up, with a recent INFO; else why not. */
    String notInSync(MasterInstance m, ReplicaInstance r, long now) {
        Timers t = s.timers;
        if (r.has(Flag.S_DOWN) || r.link.disconnected()) {
            return "is not connected";
        }
        if (r.slavePriority == 0) {
            return "has replica-priority 0";
        }
        if (r.infoRefresh == 0 || now - r.infoRefresh > t.infoPeriod * 5) {
            return "has no recent INFO";
        }
        if (r.roleReported != Role.SLAVE || !r.masterLinkUp || !m.addrEquals(r.slaveMasterHost, r.slaveMasterPort)) {
            return "is not an in-sync replica of this master (link down or another master)";
        }
        return null;
    }

    /** SEND_SLAVEOF_NOONE of a switchover: FAILOVER TO on the master. False when it cannot be sent yet. */
    boolean sendFailoverTo(MasterInstance m) {
        ReplicaInstance r = m.promoted;
        if (m.link.disconnected()) {
            return false;
        }
        RedisConnection cc = m.link.cc;
        cc.send(List.of(m.command("FAILOVER"), "TO", r.host, Integer.toString(r.port), "TIMEOUT",
                Long.toString(m.failoverTimeoutMs)), reply -> {
                    if (reply instanceof Reply.Error e) {
                        LOG.warn("FAILOVER TO {}:{} refused by the master: {}", r.host, r.port, e);
                        if (m.failoverState == FailoverState.WAIT_PROMOTION && m.promoted == r) {
                            s.failover.switchoverRefused(m, e.text());
                        }
                    }
                });
        cc.flush();
        return true;
    }
}
