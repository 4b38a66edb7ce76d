package dev.rfg.sentinel.k8s;

import java.util.List;

/**
 * The start-as-replica guard: decides, before redis-server starts, whether it starts as master, as a replica of
 * a named master, or not yet. Pure: every input is a parameter (module README, "Kubernetes mode").
 */
public final class RoleDecision {

    /** What the sentinel of one other pod answered; {@code masterHost} null when it knows no master. */
    public record PeerAnswer(String pod, boolean reachable, String masterHost, long configEpoch) {
        public static PeerAnswer unreachable(String pod) {
            return new PeerAnswer(pod, false, null, 0);
        }

        public static PeerAnswer noMaster(String pod) {
            return new PeerAnswer(pod, true, null, 0);
        }

        public static PeerAnswer master(String pod, String host, long configEpoch) {
            return new PeerAnswer(pod, true, host, configEpoch);
        }
    }

    /**
     * @param selfHost          this pod's announced host name
     * @param groupSize         the configured number of pods ({@code replicas})
     * @param bootstrapMaster   this pod is the operator's bootstrap choice ({@code bootstrap-master})
     * @param stateSawMaster    this sidecar's own persisted state names a master (it ran before)
     * @param localRedisRole    the role the local Redis reports if it is already running ("master"/"slave"), else null
     * @param ownMasterHost     the master this pod's own sentinel state names, or null
     * @param peers             the answers of the other pods' sentinels
     */
    public record Inputs(String selfHost, int groupSize, boolean bootstrapMaster, boolean stateSawMaster,
            String localRedisRole, String ownMasterHost, List<PeerAnswer> peers) {}

    public enum Kind { MASTER, REPLICA, ALREADY_RUNNING, WAIT }

    public record Decision(Kind kind, String masterHost, String reason) {
        static Decision master(String why) {
            return new Decision(Kind.MASTER, null, why);
        }

        static Decision replicaOf(String host, String why) {
            return new Decision(Kind.REPLICA, host, why);
        }

        static Decision waitFor(String why) {
            return new Decision(Kind.WAIT, null, why);
        }
    }

    private RoleDecision() {}

    public static Decision decide(Inputs in) {
        // 1. A peer knows a master: the newest configuration (highest config epoch) wins.
        PeerAnswer best = null;
        for (PeerAnswer p : in.peers()) {
            if (p.reachable() && p.masterHost() != null && (best == null || p.configEpoch() > best.configEpoch())) {
                best = p;
            }
        }
        // 0. Redis already runs (only this sidecar restarted): nothing to decide, the sentinels handle it; the
        //    master the peers name is what a sidecar that lost its state monitors.
        if (in.localRedisRole() != null) {
            return new Decision(Kind.ALREADY_RUNNING, best == null ? null : best.masterHost(),
                    "redis is already running as " + in.localRedisRole());
        }
        if (best != null) {
            if (best.masterHost().equalsIgnoreCase(in.selfHost())) {
                return Decision.waitFor("the sentinel of " + best.pod() + " names this pod as master (config epoch "
                        + best.configEpoch() + "), but this Redis is not running: waiting for the sentinels to"
                        + " fail over to a replica, so that a master that restarted empty cannot wipe its replicas");
            }
            return Decision.replicaOf(best.masterHost(), "the sentinel of " + best.pod() + " names "
                    + best.masterHost() + " as master (config epoch " + best.configEpoch() + ")");
        }
        // 2. A group of one has nobody to wipe and nobody to wait for.
        if (in.groupSize() == 1) {
            return Decision.master("a group of one pod: no replica to protect, no sentinel to wait for");
        }
        // 3. First creation: the bootstrap choice, when nothing anywhere has seen a master.
        if (in.bootstrapMaster() && !in.stateSawMaster()) {
            return Decision.master("first creation of the group: this pod is the bootstrap master and no sentinel"
                    + " (this one's state included) knows a master");
        }
        // 4. Our own state names another pod: follow it even if no peer answers yet (it is the latest we know).
        if (in.ownMasterHost() != null && !in.ownMasterHost().equalsIgnoreCase(in.selfHost())) {
            return Decision.replicaOf(in.ownMasterHost(), "no peer sentinel answers with a master; this sentinel's"
                    + " own state names " + in.ownMasterHost());
        }
        return Decision.waitFor(in.bootstrapMaster()
                ? "no peer knows a master and this sentinel's state has seen one before: not the group's first"
                        + " creation, so Redis does not start as master on its own"
                : "no peer knows a master yet and this pod is not the bootstrap master");
    }
}
