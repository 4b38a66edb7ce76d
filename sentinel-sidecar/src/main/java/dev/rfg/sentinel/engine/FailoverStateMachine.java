package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.engine.FailoverTransitions.Transition;
import dev.rfg.sentinel.engine.FailoverTransitions.Trigger;

/**
 * The failover of one master (§2.6): the guards that find a trigger in each state, the actions, and
 * {@link #fire}, which moves along {@link FailoverTransitions#TABLE} and publishes the transition's event.
 */
public final class FailoverStateMachine {
    private final Sentinel s;

    FailoverStateMachine(Sentinel s) {
        this.s = s;
    }

    /** sentinelStartFailoverIfNeeded. */
    public boolean startIfNeeded(MasterInstance m) {
        long now = s.clock.now();
        if (!m.has(Flag.O_DOWN)) {
            m.deferredStartTime = 0;
            return false;
        }
        if (m.has(Flag.FAILOVER_IN_PROGRESS) || now - m.failoverStartTime < m.failoverTimeoutMs * 2) {
            return false;
        }
        if (s.fastPaths && !PreferredCandidate.isMe(s, m)) {
            // RFG: only the preferred candidate starts at once; the others keep a random back-off so
            // that, if it is gone, one of them still starts, without splitting the vote.
            if (m.deferredStartTime == 0) {
                m.deferredStartTime = now + 300 + Sentinel.random(1000);
            }
            if (now < m.deferredStartTime) {
                return false;
            }
        }
        start(m, false);
        return true;
    }

    /** sentinelStartFailover (NONE to WAIT_START); {@code forced} for SENTINEL FAILOVER, which skips the election. */
    public void start(MasterInstance m, boolean forced) {
        long now = s.clock.now();
        m.failoverState = FailoverState.WAIT_START;
        m.failoverStateChangeTime = now;
        m.flags.add(Flag.FAILOVER_IN_PROGRESS);
        if (forced) {
            m.flags.add(Flag.FORCE_FAILOVER);
        }
        m.deferredStartTime = 0;
        m.failoverEpoch = ++s.currentEpoch;
        s.rawEvent("+new-epoch", m, Long.toString(s.currentEpoch));
        s.event("+try-failover", m, null);
        m.failoverStartTime = now + Sentinel.random(1000);
    }

    /** Runs the state machine until it stops moving (stock runs one step per timer tick). */
    public void run(MasterInstance m) {
        if (!m.has(Flag.FAILOVER_IN_PROGRESS) || s.tilt) {
            return;
        }
        for (int i = 0; i < 8; i++) {
            FailoverState before = m.failoverState;
            step(m);
            if (m.failoverState == FailoverState.UPDATE_CONFIG && s.fastPaths) {
                // RFG: switch now rather than at the end of the next tick; deferred so no caller is
                // iterating the replica map when it is rebuilt.
                s.loop.execute(() -> {
                    if (s.masters.get(m.name) == m && m.failoverState == FailoverState.UPDATE_CONFIG) {
                        switchToPromoted(m);
                    }
                });
                return;
            }
            if (m.failoverState == before || !s.fastPaths) {
                return;
            }
        }
    }

    private void step(MasterInstance m) {
        switch (m.failoverState) {
            case WAIT_START -> waitStart(m);
            case SELECT_SLAVE -> selectSlave(m);
            case SEND_SLAVEOF_NOONE -> sendSlaveOfNoOne(m);
            case WAIT_PROMOTION -> waitPromotion(m);
            case RECONF_SLAVES -> ReplicaReconfigurer.reconfNextSlave(s, m);
            default -> { }
        }
    }

    private void waitStart(MasterInstance m) {
        String leader = s.election.getLeader(m, m.failoverEpoch);
        boolean isLeader = s.myId.equalsIgnoreCase(leader);
        if (!isLeader && !m.has(Flag.FORCE_FAILOVER)) {
            long timeout = Math.min(s.timers.electionTimeout, m.failoverTimeoutMs);
            if (s.clock.now() - m.failoverStartTime > timeout) {
                fire(m, Trigger.ELECTION_TIMED_OUT, null);
            }
            return;
        }
        s.event("+elected-leader", m, null);
        if (s.simulateCrashAfterElection) {
            s.crash("crash-after-election");
        }
        fire(m, Trigger.ELECTED, null);
    }

    private void selectSlave(MasterInstance m) {
        ReplicaInstance r = m.switchoverTarget != null
                ? (m.replicas.containsValue(m.switchoverTarget) ? m.switchoverTarget : null)
                : ReplicaSelector.select(m, s.timers, s.clock.now());
        if (r == null) {
            if (s.fastPaths && s.clock.now() - m.failoverStateChangeTime < s.timers.pingPeriod
                    && m.replicas.values().stream().anyMatch(x -> x.link.infoPendingOn != null)) {
                return; // RFG: a fresh INFO is on its way; give it one ping period before giving up.
            }
            fire(m, Trigger.NO_GOOD_REPLICA, null);
            return;
        }
        s.event("+selected-slave", r, null);
        r.flags.add(Flag.PROMOTED);
        m.promoted = r;
        fire(m, Trigger.REPLICA_SELECTED, null);
    }

    private void sendSlaveOfNoOne(MasterInstance m) {
        ReplicaInstance r = m.promoted;
        // A switchover sends FAILOVER TO over the master's link, a failover SLAVEOF NO ONE over the replica's:
        // whichever link is down, the same timeout ends the wait.
        boolean sent = !r.link.disconnected()
                && (m.switchoverTarget != null ? s.switchover.sendFailoverTo(m) : SlaveOf.send(s, r, null, 0));
        if (!sent) {
            if (s.clock.now() - m.failoverStateChangeTime > m.failoverTimeoutMs) {
                fire(m, Trigger.PROMOTION_TIMED_OUT, null);
            }
            return;
        }
        fire(m, Trigger.PROMOTION_SENT, null);
        if (s.fastPaths) {
            s.links.sendInfo(r);
            r.link.cc.flush();
        }
    }

    private void waitPromotion(MasterInstance m) {
        if (s.clock.now() - m.failoverStateChangeTime > m.failoverTimeoutMs) {
            fire(m, Trigger.PROMOTION_TIMED_OUT, null);
        }
    }

    /** Called by the INFO processor when the promoted replica reports role:master. */
    void promotionAcknowledged(MasterInstance m) {
        m.configEpoch = m.failoverEpoch;
        s.persister.flush();
        s.event("+promoted-slave", m.promoted, null);
        if (s.simulateCrashAfterPromotion) {
            s.crash("crash-after-promotion");
        }
        fire(m, Trigger.PROMOTED, null);
        s.scripts.clientReconf(m, true, "start", s.announced(m), m.port, s.announced(m.promoted), m.promoted.port);
        s.links.forceHello(m);
        run(m);
    }

    /** The master refused a switchover's FAILOVER TO. */
    void switchoverRefused(MasterInstance m, String why) {
        fire(m, Trigger.SWITCHOVER_REFUSED, why);
    }

    /** UPDATE_CONFIG, run after all masters were handled in a tick: the master becomes the promoted replica. */
    void switchToPromoted(MasterInstance m) {
        ReplicaInstance r = m.promoted;
        m.switchoverTarget = null;
        fire(m, Trigger.CONFIG_SWITCHED,
                m.name + " " + s.announced(m) + " " + m.port + " " + s.announced(r) + " " + r.port);
        s.switcher.resetMasterAndChangeAddress(m, r.host, r.port);
    }

    /**
     * Moves {@code m} along the table and publishes the transition's event ({@code extra} is appended to the
     * instance description, or is the whole payload of a RAW event). A move to NONE ends the failover.
     */
    void fire(MasterInstance m, Trigger trigger, String extra) {
        Transition t = FailoverTransitions.lookup(m.failoverState, trigger);
        switch (t.subject()) {
            case MASTER -> s.event(t.event(), m, extra);
            case PROMOTED -> s.event(t.event(), m.promoted, extra);
            case RAW -> s.rawEvent(t.event(), m, extra);
        }
        if (t.to() == FailoverState.NONE && trigger != Trigger.CONFIG_SWITCHED) {
            abort(m);
        } else {
            m.failoverState = t.to();
            m.failoverStateChangeTime = s.clock.now();
        }
    }

    private void abort(MasterInstance m) {
        m.switchoverTarget = null;
        m.flags.remove(Flag.FAILOVER_IN_PROGRESS);
        m.flags.remove(Flag.FORCE_FAILOVER);
        m.failoverState = FailoverState.NONE;
        m.failoverStateChangeTime = s.clock.now();
        if (m.promoted != null) {
            m.promoted.flags.remove(Flag.PROMOTED);
            m.promoted = null;
        }
    }
}
