package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.Sentinel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The start-as-replica job: before Redis may start, decide its role from the peers' sentinels, the local Redis
 * and this sidecar's state ({@link RoleDecision}), write the runtime conf and start monitoring, then open the
 * sentinel port and let the startup probe pass.
 */
final class StartupRole {
    private static final Logger LOG = LoggerFactory.getLogger(StartupRole.class);
    private final KubernetesMode k;
    private final PeerProbes probes;
    private String lastReason;

    StartupRole(KubernetesMode k, PeerProbes probes) {
        this.k = k;
        this.probes = probes;
    }

    /** The role decision, every second until Redis may start. Runs on the main thread. */
    void decideLoop() {
        while (!k.started) {
            try {
                decideOnce();
            } catch (Exception e) {
                LOG.warn("role decision failed: {}", e.toString());
            }
            if (!k.started) {
                KubernetesMode.sleep(1000);
            }
        }
    }

    void decideOnce() throws Exception {
        KubeSettings st = k.settings;
        String ownMaster = k.onLoop(s -> {
            MasterInstance m = s.masters.get(st.masterName());
            return m == null ? null : Sentinel.currentMasterAddress(m).host;
        });
        String localRole = probes.localRedisRole();
        List<RoleDecision.PeerAnswer> peers = new ArrayList<>();
        for (int i = 0; i < st.replicas(); i++) {
            if (i != k.ordinal) {
                peers.add(probes.askPeer(k.identity.pod(i), k.identity.host(i)));
            }
        }
        boolean bootstrap = k.env.podName().equals(st.bootstrapMaster());
        RoleDecision.Decision d = RoleDecision.decide(new RoleDecision.Inputs(k.env.announceHost(), st.replicas(),
                bootstrap, k.stateSawMaster, localRole, ownMaster, peers));
        if (!Objects.equals(d.reason(), lastReason)) {
            LOG.warn("Role decision: {} {} ({})", d.kind(), d.masterHost() == null ? "" : d.masterHost(), d.reason());
            lastReason = d.reason();
        }
        k.decision = d;
        boolean decided = switch (d.kind()) {
            case MASTER -> {
                k.writeRuntime(null);
                k.monitor(k.env.announceHost());
                yield true;
            }
            case REPLICA -> {
                k.writeRuntime(d.masterHost());
                k.monitor(d.masterHost());
                yield true;
            }
            case ALREADY_RUNNING -> {
                // Only the sidecar restarted, and without its state: follow what the peers know.
                if (ownMaster == null && d.masterHost() != null) {
                    k.monitor(d.masterHost());
                } else if (ownMaster == null && "master".equals(localRole) && st.replicas() == 1) {
                    k.monitor(k.env.announceHost());
                }
                yield true;
            }
            case WAIT -> false;
        };
        if (decided) {
            // The port opens before /startup passes: whoever sees the pod k.started finds its sentinel answering.
            k.running.listen().open();
            k.started = true;
            k.glue.labelOwnPodAtStart();
        }
    }
}
