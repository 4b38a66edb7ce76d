package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.resp.Reply;

import java.io.IOException;
import java.util.List;

/** Synchronous questions asked outside the engine: a peer pod's sentinel about the master, the local Redis's role. */
final class PeerProbes {
    private final KubernetesMode k;

    PeerProbes(KubernetesMode k) {
        this.k = k;
    }

    RoleDecision.PeerAnswer askPeer(String pod, String host) {
        String name = k.settings.masterName();
        try {
            List<Reply> r = RedisCalls.call(k.running.sentinel(), host, k.settings.sentinelPort(), k.password(), 1000,
                    List.of(List.of("SENTINEL", "MASTER", name), List.of("SENTINEL", "GET-MASTER-ADDR-BY-NAME", name)));
            Reply rec = r.get(0);
            if (!(rec instanceof Reply.Arr) && !(rec instanceof Reply.MapReply)) {
                return RoleDecision.PeerAnswer.noMaster(pod);
            }
            String mh = r.get(1) instanceof Reply.Arr a && !a.items().isEmpty() ? a.items().get(0).text()
                    : RedisCalls.recordField(rec, "ip");
            String epoch = RedisCalls.recordField(rec, "config-epoch");
            return RoleDecision.PeerAnswer.master(pod, mh, epoch == null ? 0 : Long.parseLong(epoch));
        } catch (IOException | RuntimeException e) {
            return RoleDecision.PeerAnswer.unreachable(pod);
        }
    }

    /** "master"/"slave" when the local Redis answers, else null. */
    String localRedisRole() {
        try {
            return RedisCalls.infoField(RedisCalls.call(k.running.sentinel(), k.env.localRedisHost(),
                    k.settings.redisPort(), k.password(), 500, List.of(List.of("INFO", "replication"))).get(0), "role");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
