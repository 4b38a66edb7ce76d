package dev.rfg.sentinel.engine;

/** RECONF_SLAVES: point the replicas at the promoted one, at most parallel-syncs at a time (§2.6). */
final class ReplicaReconfigurer {
    private ReplicaReconfigurer() {}

    static void reconfNextSlave(Sentinel s, MasterInstance m) {
        long now = s.clock.now();
        ReplicaInstance promoted = m.promoted;
        int inProgress = 0;
        for (ReplicaInstance r : m.replicas.values()) {
            if (r.has(Flag.RECONF_SENT) || r.has(Flag.RECONF_INPROG)) {
                inProgress++;
            }
        }
        for (ReplicaInstance r : m.replicas.values()) {
            if (inProgress >= m.parallelSyncs) {
                break;
            }
            if (r.has(Flag.PROMOTED) || r.has(Flag.RECONF_DONE)) {
                continue;
            }
            if (r.has(Flag.RECONF_SENT) && now - r.slaveReconfSentTime > s.timers.slaveReconfTimeout) {
                s.event("-slave-reconf-sent-timeout", r, null);
                r.flags.remove(Flag.RECONF_SENT);
                r.flags.add(Flag.RECONF_DONE);
            }
            if (r.has(Flag.RECONF_SENT) || r.has(Flag.RECONF_INPROG) || r.link.disconnected()) {
                continue;
            }
            if (SlaveOf.send(s, r, promoted.host, promoted.port)) {
                r.flags.add(Flag.RECONF_SENT);
                r.slaveReconfSentTime = now;
                s.event(dev.rfg.sentinel.events.SentinelEvent.Level.NOTICE, "+slave-reconf-sent", r, null);
                inProgress++;
            }
        }
        detectEnd(s, m, now);
    }

    private static void detectEnd(Sentinel s, MasterInstance m, long now) {
        ReplicaInstance promoted = m.promoted;
        if (promoted == null || promoted.has(Flag.S_DOWN)) {
            return;
        }
        int notReconfigured = 0;
        for (ReplicaInstance r : m.replicas.values()) {
            if (!r.has(Flag.PROMOTED) && !r.has(Flag.RECONF_DONE) && !r.has(Flag.S_DOWN)) {
                notReconfigured++;
            }
        }
        boolean timeout = now - m.failoverStateChangeTime > m.failoverTimeoutMs;
        if (timeout) {
            s.event("+failover-end-for-timeout", m, null);
            s.failover.fire(m, FailoverTransitions.Trigger.RECONFIGURATION_TIMED_OUT, null);
        } else if (notReconfigured == 0) {
            s.failover.fire(m, FailoverTransitions.Trigger.REPLICAS_RECONFIGURED, null);
        }
        if (timeout) {
            for (ReplicaInstance r : m.replicas.values()) {
                // Never the promoted replica: SLAVEOF <its own address> would turn the new master read-only.
                if (r.has(Flag.PROMOTED) || r.has(Flag.RECONF_DONE) || r.has(Flag.RECONF_SENT)
                        || r.link.disconnected()) {
                    continue;
                }
                if (SlaveOf.send(s, r, promoted.host, promoted.port)) {
                    s.event(dev.rfg.sentinel.events.SentinelEvent.Level.NOTICE, "+slave-reconf-sent-be", r, null);
                    r.flags.add(Flag.RECONF_SENT);
                }
            }
        }
    }
}
