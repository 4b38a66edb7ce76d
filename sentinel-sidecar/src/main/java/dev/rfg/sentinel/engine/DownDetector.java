package dev.rfg.sentinel.engine;

/** SDOWN (§2.2) and ODOWN (§2.3). */
public final class DownDetector {
    private final Sentinel s;

    DownDetector(Sentinel s) {
        this.s = s;
    }

    void checkSubjectivelyDown(Instance ri, long now) {
        InstanceLink link = ri.link;
        long elapsed = 0;
        if (link.actPingTime != 0) {
            elapsed = now - link.actPingTime;
        } else if (link.disconnected()) {
            elapsed = now - link.lastAvailTime;
        }
        s.linkConnector.closeIdleLinks(ri, now);
        boolean down = elapsed > ri.downAfterMs
                || (ri.has(Flag.MASTER) && ri.roleReported == Role.SLAVE
                    && now - ri.roleReportedTime > ri.downAfterMs + 2 * s.timers.infoPeriod)
                || (ri instanceof MasterInstance m && m.rebootSince != 0
                    && now - m.rebootSince > m.masterRebootDownAfterMs)
                || (s.refusalMeansDown && ri instanceof MasterInstance m && redisGoneFromPod(m, now));
        if (down) {
            if (!ri.has(Flag.S_DOWN)) {
                ri.flags.add(Flag.S_DOWN);
                ri.sDownSinceTime = now;
                s.event("+sdown", ri, null);
                if (s.fastPaths && ri instanceof MasterInstance m) {
                    // RFG: ask the peers now rather than on the next ask period.
                    s.asker.ask(m, true);
                    s.links.refreshReplicas(m);
                }
            }
        } else if (ri.has(Flag.S_DOWN)) {
            ri.flags.remove(Flag.S_DOWN);
            ri.flags.remove(Flag.SCRIPT_KILL_SENT);
            s.event("-sdown", ri, null);
        }
    }

    /**
     * RFG, Kubernetes mode ({@link Sentinel#refusalMeansDown}): the master's Redis is not running in its live pod.
     * Its address refused the last connect attempts, or it came back as the replica of itself the sidecar starts
     * a restarted master as. Neither happens to a Redis that is only slow, blocked or frozen.
     */
    private boolean redisGoneFromPod(MasterInstance m, long now) {
        return m.link.refusedFor(now, s.timers.refusedDownSpan) || (m.roleReported == Role.SLAVE && m.replicaOfItself);
    }

    void checkObjectivelyDown(MasterInstance m, long now) {
        int count = 0;
        boolean odown = false;
        if (m.has(Flag.S_DOWN)) {
            count = 1;
            for (SentinelPeer p : m.sentinels.values()) {
                if (p.has(Flag.MASTER_DOWN)) {
                    count++;
                }
            }
            odown = count >= m.quorum;
        }
        if (odown) {
            if (!m.has(Flag.O_DOWN)) {
                m.flags.add(Flag.O_DOWN);
                m.oDownSinceTime = now;
                s.event("+odown", m, "#quorum " + count + "/" + m.quorum);
            }
        } else if (m.has(Flag.O_DOWN)) {
            m.flags.remove(Flag.O_DOWN);
            s.event("-odown", m, null);
        }
    }

}
