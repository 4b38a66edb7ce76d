package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.Sentinel;

/**
 * Makes every pod of the group except the monitored master a known replica. A sentinel otherwise learns replicas
 * only from the master's INFO, every 10 s: a master lost right after the group turned Ready then found no replica
 * to promote ({@code -failover-abort-no-good-slave}). In Kubernetes mode the members are known in advance (pods
 * {@code <group>-0..replicas-1}), so the sentinel links to them and reads their INFO at once. A pod that does not
 * exist (yet) is a replica whose link is down: SDOWN, never selected, like any unreachable replica. Pods at or above
 * the size are dropped by {@link Sentinel#pruneNonMembers()}.
 */
final class ReplicaSeeder {
    private ReplicaSeeder() {}

    /** On the loop. Returns how many replicas were added; persists when any was. */
    static int seed(Sentinel s, PodIdentity identity, KubeSettings st) {
        MasterInstance m = s.masters.get(st.masterName());
        // During a failover the replica set is the failover's business; the next call adds what is missing.
        if (m == null || m.has(Flag.FAILOVER_IN_PROGRESS)) {
            return 0;
        }
        int added = 0;
        for (int i = 0; i < st.replicas(); i++) {
            String host = identity.host(i);
            if (!m.addrEquals(host, st.redisPort()) && s.addReplica(m, host, st.redisPort()) != null) {
                added++;
            }
        }
        if (added > 0) {
            s.persister.flush();
        }
        return added;
    }
}
