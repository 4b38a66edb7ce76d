package dev.rfg.sentinel.k8s;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code rfg.dev/role} with the config epoch fence: a write carries {@code rfg.dev/role-epoch=<epoch>}, is
 * sent with the resourceVersion it was decided on, and is refused when the pod already holds a newer epoch. So a
 * stale writer can never flip a label back, whatever the interleaving.
 */
public final class RoleLabeler {
    private static final Logger LOG = LoggerFactory.getLogger(RoleLabeler.class);
    public static final String MASTER = "master";
    public static final String REPLICA = "replica";

    public enum Outcome { WRITTEN, UNCHANGED, REFUSED_STALE, MISSING, FAILED }

    private final PodStore pods;
    private final int attempts;

    public RoleLabeler(PodStore pods) {
        this(pods, 8);
    }

    RoleLabeler(PodStore pods, int attempts) {
        this.pods = pods;
        this.attempts = attempts;
    }

    /** One guarded write: re-read and retry on a resourceVersion conflict; refuse when the pod is newer. */
    public Outcome set(String pod, String role, long epoch) {
        return set(pod, role, epoch, null);
    }

    /**
     * The same, starting from {@code known} (a pod just listed) instead of a read: a failover's label writes are
     * on the master Service's critical path, and each API call costs a round trip.
     */
    private Outcome set(String pod, String role, long epoch, PodStore.PodMeta known) {
        for (int i = 0; i < attempts; i++) {
            try {
                PodStore.PodMeta p = i == 0 && known != null ? known : pods.get(pod);
                if (p == null) {
                    return Outcome.MISSING;
                }
                if (p.roleEpoch() > epoch) {
                    LOG.info("pod {}: not setting {}={} at epoch {}: it holds epoch {}", pod, PodStore.ROLE_LABEL,
                            role, epoch, p.roleEpoch());
                    return Outcome.REFUSED_STALE;
                }
                if (role.equals(p.role()) && p.roleEpoch() == epoch) {
                    return Outcome.UNCHANGED;
                }
                if (pods.setRole(pod, p.resourceVersion(), role, epoch)) {
                    LOG.info("pod {}: {}={} at config epoch {}", pod, PodStore.ROLE_LABEL, role, epoch);
                    return Outcome.WRITTEN;
                }
                // 409: someone wrote in between; read again and re-check the epoch.
            } catch (IOException e) {
                LOG.warn("pod {}: role label not written: {}", pod, e.getMessage());
                return Outcome.FAILED;
            }
        }
        return Outcome.FAILED;
    }

    /**
     * The fencing order of a failover: the old master and any other pod labelled master become replicas first,
     * then the new master is labelled master, all at {@code epoch}. Stops before labelling the new master when a
     * demotion failed or was refused (a newer configuration exists), so the master Service never selects two
     * pods. Returns the outcomes in write order.
     */
    public List<Outcome> switchMaster(String oldMasterPod, String newMasterPod, long epoch) {
        List<Outcome> out = new ArrayList<>();
        Map<String, PodStore.PodMeta> demote = new LinkedHashMap<>();
        if (oldMasterPod != null && !oldMasterPod.equals(newMasterPod)) {
            demote.put(oldMasterPod, null);
        }
        // One list of the whole group gives every pod to demote and the new master, each with its resourceVersion:
        // the new master's label is then two writes away, with no read between (each call is a round trip on the
        // master Service's critical path).
        PodStore.PodMeta newMaster = null;
        try {
            for (PodStore.PodMeta p : pods.listGroup()) {
                if (p.name().equals(newMasterPod)) {
                    newMaster = p;
                } else if (MASTER.equals(p.role())) {
                    demote.put(p.name(), p);
                }
            }
        } catch (IOException e) {
            LOG.warn("listing master pods failed: {}", e.getMessage());
            out.add(Outcome.FAILED);
            return out;
        }
        for (var entry : demote.entrySet()) {
            String pod = entry.getKey();
            Outcome o = set(pod, REPLICA, epoch, entry.getValue());
            out.add(o);
            if (o == Outcome.FAILED || o == Outcome.REFUSED_STALE) {
                LOG.warn("not labelling {} master at epoch {}: demoting {} gave {}", newMasterPod, epoch, pod, o);
                return out;
            }
        }
        Outcome mine = set(newMasterPod, MASTER, epoch, newMaster);
        out.add(mine);
        if (mine == Outcome.WRITTEN || mine == Outcome.UNCHANGED) {
            out.addAll(afterCheck(newMasterPod, epoch));
        }
        return out;
    }

    /**
     * Two leaders of different epochs may write at once, and per-pod fencing alone cannot see the other's pod.
     * So every master write is followed by a read of all master labels: a lower-epoch master elsewhere is demoted
     * at our epoch; if one elsewhere holds a higher epoch, our own pod is demoted. Of any two writers, the later
     * list sees the other's write, so only the newest writer's master survives.
     */
    private List<Outcome> afterCheck(String newMasterPod, long epoch) {
        List<Outcome> out = new ArrayList<>();
        try {
            boolean newerElsewhere = false;
            for (PodStore.PodMeta p : pods.listWithRole(MASTER)) {
                if (p.name().equals(newMasterPod)) {
                    continue;
                }
                if (p.roleEpoch() > epoch) {
                    newerElsewhere = true;
                } else {
                    out.add(set(p.name(), REPLICA, epoch));
                }
            }
            if (newerElsewhere) {
                LOG.warn("pod {}: a newer epoch than {} labels another pod master; demoting {}", newMasterPod, epoch,
                        newMasterPod);
                out.add(set(newMasterPod, REPLICA, epoch));
            }
        } catch (IOException e) {
            LOG.warn("listing master pods failed: {}", e.getMessage());
            out.add(Outcome.FAILED);
        }
        return out;
    }
}
