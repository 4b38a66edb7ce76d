package dev.rfg.sentinel.engine;

import java.util.Comparator;

/** sentinelSelectSlave: the best replica to promote, or null (§2.5). */
public final class ReplicaSelector {
    private ReplicaSelector() {}

    static final Comparator<ReplicaInstance> ORDER = Comparator
            .comparingInt((ReplicaInstance r) -> r.slavePriority)
            .thenComparing(Comparator.comparingLong((ReplicaInstance r) -> r.replOffset).reversed())
            .thenComparing(r -> r.runId, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));

    public static ReplicaInstance select(MasterInstance m, Timers t, long now) {
        long maxMasterDownTime = m.has(Flag.S_DOWN) ? now - masterDownSince(m) : 0;
        maxMasterDownTime += m.downAfterMs * 10;
        long infoValidity = m.has(Flag.S_DOWN) ? t.pingPeriod * 5 : t.infoPeriod * 3;
        ReplicaInstance best = null;
        for (ReplicaInstance r : m.replicas.values()) {
            if (r.has(Flag.S_DOWN) || r.has(Flag.O_DOWN) || r.link.disconnected()
                    || now - r.link.lastAvailTime > t.pingPeriod * 5 || r.slavePriority == 0
                    || r.infoRefresh == 0 || now - r.infoRefresh > infoValidity
                    || r.masterLinkDownTime > maxMasterDownTime) {
                continue;
            }
            if (best == null || ORDER.compare(r, best) < 0) {
                best = r;
            }
        }
        return best;
    }

    /**
     * Since when the replicas' link-down allowance counts the master as down: its SDOWN start, as in stock
     * Sentinel, except for a master that reports role:slave (a master restarted empty as a replica of itself, in
     * Kubernetes mode). Such a master is SDOWN only down-after + 2 INFO periods after the INFO that showed the new
     * role, which itself comes up to one INFO period late, while its replicas lost their link when it stopped
     * being a master (it refuses them SYNC). Counted from SDOWN, their link-down time then always exceeds the
     * allowance when down-after is below about 2.3 s (10 x down-after against 20-30 s), and both grow alike, so
     * every attempt ends in -failover-abort-no-good-slave. Counted from the last INFO that still showed
     * role:master, the earliest the master can have stopped serving, the rule keeps its meaning: a replica
     * qualifies if its link was up until at most 10 x down-after before the master was last seen serving.
     */
    static long masterDownSince(MasterInstance m) {
        if (m.roleReported != Role.SLAVE) {
            return m.sDownSinceTime;
        }
        long stoppedServing = m.roleMasterSeenTime != 0 ? m.roleMasterSeenTime : m.roleReportedTime;
        return Math.min(m.sDownSinceTime, stoppedServing);
    }
}
