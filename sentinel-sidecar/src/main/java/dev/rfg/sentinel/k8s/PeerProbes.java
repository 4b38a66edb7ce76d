package dev.rfg.sentinel.k8s;

import java.io.IOException;
import java.util.List;

/** Synchronous questions asked outside the engine: a peer pod's sentinel about the master, the local Redis's role. */
final class PeerProbes {
    private final KubernetesMode k;

    PeerProbes(KubernetesMode k) {
        this.k = k;
    }

    RoleDecision.PeerAnswer askPeer(String pod, String host) {
        try (RespClient c = RespClient.connect(host, k.settings.sentinelPort(), k.password, 1000)) {
            Object rec = c.call("SENTINEL", "MASTER", k.settings.masterName());
            if (!(rec instanceof List<?>)) {
                return RoleDecision.PeerAnswer.noMaster(pod);
            }
            Object addr = c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", k.settings.masterName());
            String mh = addr instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0))
                    : RespClient.recordField(rec, "ip");
            String epoch = RespClient.recordField(rec, "config-epoch");
            return RoleDecision.PeerAnswer.master(pod, mh, epoch == null ? 0 : Long.parseLong(epoch));
        } catch (IOException | RuntimeException e) {
            return RoleDecision.PeerAnswer.unreachable(pod);
        }
    }

    /** "master"/"slave" when the local Redis answers, else null. */
    String localRedisRole() {
        try (RespClient c = RespClient.connect(k.env.localRedisHost(), k.settings.redisPort(), k.password, 500)) {
            return RespClient.infoField(c.call("INFO", "replication"), "role");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
