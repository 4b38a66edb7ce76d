package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.events.SentinelEvent;

/** Applies an INFO reply to an instance: discovery, role changes and the acting half (§3). */
public final class InfoProcessor {
    private final Sentinel s;

    InfoProcessor(Sentinel s) {
        this.s = s;
    }

    void refresh(Instance ri, String text) {
        long now = s.clock.now();
        InfoReport info = InfoReport.parse(text);
        ri.infoCache = text;
        ri.infoCacheTime = now;
        if (ri instanceof ReplicaInstance r) {
            r.masterLinkDownTime = 0;
        }
        if (info.runId != null && !info.runId.equals(ri.runId)) {
            if (ri.runId != null) {
                s.event(SentinelEvent.Level.NOTICE, "+reboot", ri, null);
                if (ri instanceof MasterInstance m && m.masterRebootDownAfterMs != 0) {
                    m.rebootSince = now;
                }
            }
            ri.runId = info.runId;
        }
        if (ri instanceof MasterInstance m && ri.has(Flag.MASTER)) {
            discoverReplicas(m, info);
        }
        if (ri instanceof ReplicaInstance r) {
            recordReplicaFields(r, info, now);
        }
        if (info.role == Role.MASTER && ri instanceof MasterInstance m) {
            m.roleMasterSeenTime = now;
        }
        if (ri instanceof MasterInstance m && info.role != null) {
            m.replicaOfItself = info.role == Role.SLAVE && m.addrEquals(info.masterHost, info.masterPort);
        }
        if (info.role != null && info.role != ri.roleReported) {
            ri.roleReportedTime = now;
            ri.roleReported = info.role;
            if (info.role == Role.SLAVE && ri instanceof ReplicaInstance r) {
                r.slaveConfChangeTime = now;
            }
            boolean matchesFlag = (info.role == Role.MASTER) == ri.has(Flag.MASTER);
            s.event(SentinelEvent.Level.VERBOSE, matchesFlag ? "+role-change" : "-role-change", ri,
                    "new reported role is " + (info.role == Role.MASTER ? "master" : "slave"));
        }
        ri.infoRefresh = now;
        if (s.tilt || info.role == null || !(ri instanceof ReplicaInstance r)) {
            return;
        }
        actOnReplica(r, info.role, now);
    }

    private void discoverReplicas(MasterInstance m, InfoReport info) {
        for (InfoReport.ReplicaAddr a : info.replicas) {
            if (s.addReplica(m, a.host(), a.port()) != null) {
                s.persister.flush();
            }
        }
    }

    private void recordReplicaFields(ReplicaInstance r, InfoReport info, long now) {
        if (info.masterLinkDownSinceSeconds >= 0) {
            r.masterLinkDownTime = info.masterLinkDownSinceSeconds * 1000;
        }
        if (info.masterHost != null && !info.masterHost.equals(r.slaveMasterHost)) {
            r.slaveMasterHost = info.masterHost;
            r.slaveConfChangeTime = now;
        }
        if (info.role == Role.SLAVE && info.masterPort != r.slaveMasterPort) {
            r.slaveMasterPort = info.masterPort;
            r.slaveConfChangeTime = now;
        }
        r.masterLinkUp = info.masterLinkUp;
        if (info.slavePriority != null) {
            r.slavePriority = info.slavePriority;
        }
        if (info.replOffset != null) {
            r.replOffset = info.replOffset;
        }
        if (info.replicaAnnounced != null) {
            r.replicaAnnounced = info.replicaAnnounced;
        }
    }

    private void actOnReplica(ReplicaInstance r, Role role, long now) {
        MasterInstance m = r.master();
        if (role == Role.MASTER) {
            if (r.has(Flag.PROMOTED) && m.has(Flag.FAILOVER_IN_PROGRESS)
                    && m.failoverState == FailoverState.WAIT_PROMOTION) {
                s.failover.promotionAcknowledged(m);
            } else {
                long wait = s.timers.publishPeriod * 4;
                if (!r.has(Flag.PROMOTED) && masterLooksSane(m) && noDownFor(r, wait, now)
                        && now - r.roleReportedTime > wait) {
                    if (SlaveOf.send(s, r, m.host, m.port)) {
                        s.event("+convert-to-slave", r, null);
                    }
                }
            }
        }
        if (role == Role.SLAVE && !m.addrEquals(r.slaveMasterHost, r.slaveMasterPort)) {
            long wait = m.failoverTimeoutMs;
            if (masterLooksSane(m) && noDownFor(r, wait, now) && now - r.slaveConfChangeTime > wait) {
                if (SlaveOf.send(s, r, m.host, m.port)) {
                    s.event("+fix-slave-config", r, null);
                }
            }
        }
        if (role == Role.SLAVE && (r.has(Flag.RECONF_SENT) || r.has(Flag.RECONF_INPROG)) && m.promoted != null) {
            if (r.has(Flag.RECONF_SENT) && m.promoted.addrEquals(r.slaveMasterHost, r.slaveMasterPort)) {
                r.flags.remove(Flag.RECONF_SENT);
                r.flags.add(Flag.RECONF_INPROG);
                s.event(SentinelEvent.Level.NOTICE, "+slave-reconf-inprog", r, null);
            }
            if (r.has(Flag.RECONF_INPROG) && r.masterLinkUp) {
                r.flags.remove(Flag.RECONF_INPROG);
                r.flags.add(Flag.RECONF_DONE);
                s.event(SentinelEvent.Level.NOTICE, "+slave-reconf-done", r, null);
                if (s.fastPaths) {
                    s.failover.run(m);
                }
            }
        }
    }

    boolean masterLooksSane(MasterInstance m) {
        return m.has(Flag.MASTER) && m.roleReported == Role.MASTER && !m.has(Flag.S_DOWN) && !m.has(Flag.O_DOWN)
                && m.infoRefresh != 0 && s.clock.now() - m.infoRefresh < 2 * s.timers.infoPeriod;
    }

    static boolean noDownFor(Instance ri, long ms, long now) {
        long mostRecent = Math.max(ri.sDownSinceTime, ri.oDownSinceTime);
        return mostRecent == 0 || now - mostRecent > ms;
    }
}
