package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.events.SentinelEvent;

import java.util.ArrayList;
import java.util.List;

/** sentinelResetMaster and sentinelResetMasterAndChangeAddress (§2.9). */
public final class AddressSwitcher {
    private final Sentinel s;

    AddressSwitcher(Sentinel s) {
        this.s = s;
    }

    public void resetMasterAndChangeAddress(MasterInstance m, String host, int port) {
        List<String[]> replicas = new ArrayList<>();
        for (ReplicaInstance r : m.replicas.values()) {
            if (!r.addrEquals(host, port)) {
                replicas.add(new String[] {r.host, Integer.toString(r.port)});
            }
        }
        if (!m.addrEquals(host, port)) {
            replicas.add(new String[] {m.host, Integer.toString(m.port)});
        }
        String knownIp = null;
        for (ReplicaInstance r : m.replicas.values()) {
            if (r.addrEquals(host, port)) {
                knownIp = r.ip;
            }
        }
        reset(m, false, false);
        m.moveTo(host, port);
        if (m.ip == null) {
            m.ip = knownIp;
        }
        m.sDownSinceTime = 0;
        m.oDownSinceTime = 0;
        long now = s.clock.now();
        for (String[] a : replicas) {
            ReplicaInstance r = new ReplicaInstance(m, a[0], Integer.parseInt(a[1]), now);
            m.replicas.put(r.name(), r);
            s.event(SentinelEvent.Level.NOTICE, "+slave", r, null);
        }
        s.persister.flush();
    }

    /** Drops replicas (and sentinels if asked), closes the master links and clears the failover state. */
    public void reset(MasterInstance m, boolean alsoSentinels, boolean event) {
        for (ReplicaInstance r : m.replicas.values()) {
            r.link.close();
        }
        m.replicas.clear();
        if (alsoSentinels) {
            for (SentinelPeer p : m.sentinels.values()) {
                p.link.close();
            }
            m.sentinels.clear();
        }
        m.link.close();
        long now = s.clock.now();
        m.link = new InstanceLink(true, now);
        m.flags.retainAll(java.util.EnumSet.of(Flag.MASTER));
        m.leader = null;
        m.failoverState = FailoverState.NONE;
        m.failoverStateChangeTime = 0;
        m.failoverStartTime = 0;
        m.deferredStartTime = 0;
        m.promoted = null;
        m.runId = null;
        m.infoRefresh = 0;
        m.lastPubTime = 0;
        m.link.lastAvailTime = now;
        m.link.lastPongTime = now;
        m.link.refusedSince = 0;
        m.link.refusedInARow = 0;
        m.roleReportedTime = now;
        m.roleReported = Role.MASTER;
        m.roleMasterSeenTime = 0;
        m.replicaOfItself = false;
        m.rebootSince = 0; // stock clears SRI_MASTER_REBOOT with the other flags
        if (event) {
            s.event("+reset-master", m, null);
        }
    }
}
