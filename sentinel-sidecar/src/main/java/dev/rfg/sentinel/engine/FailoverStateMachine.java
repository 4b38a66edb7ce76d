package dev.rfg.sentinel.engine;

/**
 * The failover of one master (§2.6): WAIT_START, SELECT_SLAVE, SEND_SLAVEOF_NOONE, WAIT_PROMOTION,
 * RECONF_SLAVES, UPDATE_CONFIG. One published event per transition.
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

    /** sentinelStartFailover; {@code forced} for SENTINEL FAILOVER, which skips the election. */
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
                s.event("-failover-abort-not-elected", m, null);
                abort(m);
            }
            return;
        }
        s.event("+elected-leader", m, null);
        if (s.simulateCrashAfterElection) {
            s.crash("crash-after-election");
        }
        moveTo(m, s.clock.now(), FailoverState.SELECT_SLAVE);
        s.event("+failover-state-select-slave", m, null);
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
            s.event("-failover-abort-no-good-slave", m, null);
            abort(m);
            return;
        }
        s.event("+selected-slave", r, null);
        r.flags.add(Flag.PROMOTED);
        m.promoted = r;
        moveTo(m, s.clock.now(), FailoverState.SEND_SLAVEOF_NOONE);
        s.event("+failover-state-send-slaveof-noone", r, null);
    }

    private void sendSlaveOfNoOne(MasterInstance m) {
        ReplicaInstance r = m.promoted;
        // A switchover sends FAILOVER TO over the master's link, a failover SLAVEOF NO ONE over the replica's:
        // whichever link is down, the same timeout ends the wait.
        boolean sent = !r.link.disconnected()
                && (m.switchoverTarget != null ? s.switchover.sendFailoverTo(m) : SlaveOf.send(s, r, null, 0));
        if (!sent) {
            if (s.clock.now() - m.failoverStateChangeTime > m.failoverTimeoutMs) {
                s.event("-failover-abort-slave-timeout", m, null);
                abort(m);
            }
            return;
        }
        s.event("+failover-state-wait-promotion", r, null);
        moveTo(m, s.clock.now(), FailoverState.WAIT_PROMOTION);
        if (s.fastPaths) {
            s.links.sendInfo(r);
            r.link.cc.flush();
        }
    }

    private void waitPromotion(MasterInstance m) {
        if (s.clock.now() - m.failoverStateChangeTime > m.failoverTimeoutMs) {
            s.event("-failover-abort-slave-timeout", m, null);
            abort(m);
        }
    }

    /** Called by the INFO processor when the promoted replica reports role:master. */
    void promotionAcknowledged(MasterInstance m) {
        m.configEpoch = m.failoverEpoch;
        moveTo(m, s.clock.now(), FailoverState.RECONF_SLAVES);
        s.persister.flush();
        s.event("+promoted-slave", m.promoted, null);
        if (s.simulateCrashAfterPromotion) {
            s.crash("crash-after-promotion");
        }
        s.event("+failover-state-reconf-slaves", m, null);
        s.links.forceHello(m);
        run(m);
    }

    /** UPDATE_CONFIG, run after all masters were handled in a tick. */
    void switchToPromoted(MasterInstance m) {
        ReplicaInstance r = m.promoted;
        m.switchoverTarget = null;
        s.rawEvent("+switch-master", m, m.name + " " + m.host + " " + m.port + " " + r.host + " " + r.port);
        s.switcher.resetMasterAndChangeAddress(m, r.host, r.port);
    }

    void abort(MasterInstance m) {
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

    static void moveTo(MasterInstance m, long now, FailoverState state) {
        m.failoverState = state;
        m.failoverStateChangeTime = now;
    }

}
