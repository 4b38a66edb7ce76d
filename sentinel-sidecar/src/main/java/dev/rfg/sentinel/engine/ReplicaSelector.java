package dev.rfg.sentinel.engine;

import java.util.Comparator;

/** sentinelSelectSlave: the best replica to promote, or null (§2.5). */
public final class ReplicaSelector {
    private ReplicaSelector() {}

    static final Comparator<ReplicaInstance> ORDER = Comparator
            .comparingInt((ReplicaInstance r) -> r.slavePriority)
            .thenComparing(Comparator.comparingLong((ReplicaInstance r) -> r.replOffset).reversed())
            .thenComparing(r -> r.runId, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));

    public static ReplicaInstance select(MasterInstance m, Timers t) {
        long now = Sentinel.now();
        long maxMasterDownTime = m.has(Flag.S_DOWN) ? now - m.sDownSinceTime : 0;
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
}
