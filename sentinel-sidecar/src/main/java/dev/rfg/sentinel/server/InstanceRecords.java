package dev.rfg.sentinel.server;

import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.Instance;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.ReplicaInstance;
import dev.rfg.sentinel.engine.Role;
import dev.rfg.sentinel.engine.SentinelPeer;
import dev.rfg.sentinel.resp.Reply;

/**
 * The instance record of SENTINEL MASTER(S)/REPLICAS/SENTINELS (addReplySentinelRedisInstance): every
 * value a bulk string, fields in redis-sentinel's order. A map in RESP3, flat pairs in RESP2.
 */
final class InstanceRecords {
    private InstanceRecords() {}

    static Reply record(Sentinel s, Instance ri) {
        long now = s.clock.now();
        Reply.MapBuilder b = Reply.map()
                .put("name", ri.name())
                .put("ip", s.announced(ri))
                .put("port", ri.port)
                .put("runid", ri.runId == null ? "" : ri.runId)
                .put("flags", ri.flagsString())
                .put("link-pending-commands", ri.link.pendingCommands())
                .put("link-refcount", 1);
        if (ri instanceof MasterInstance m && m.has(Flag.FAILOVER_IN_PROGRESS)) {
            b.put("failover-state", m.failoverState.wire);
        }
        long actPing = ri.link.actPingTimeForReport();
        b.put("last-ping-sent", actPing != 0 ? now - actPing : 0)
                .put("last-ok-ping-reply", now - ri.link.lastAvailTimeForReport())
                .put("last-ping-reply", now - ri.link.lastPongTimeForReport());
        if (ri.has(Flag.S_DOWN)) {
            b.put("s-down-time", now - ri.sDownSinceTime);
        }
        if (ri.has(Flag.O_DOWN)) {
            b.put("o-down-time", now - ri.oDownSinceTime);
        }
        b.put("down-after-milliseconds", ri.downAfterMs);
        if (!(ri instanceof SentinelPeer)) {
            b.put("info-refresh", ri.infoRefresh == 0 ? 0 : now - ri.infoRefresh)
                    .put("role-reported", ri.roleReported == Role.MASTER ? "master" : "slave")
                    .put("role-reported-time", now - ri.roleReportedTime);
        }
        switch (ri) {
            case MasterInstance m -> {
                b.put("config-epoch", m.configEpoch)
                        .put("num-slaves", m.replicas.size())
                        .put("num-other-sentinels", m.sentinels.size())
                        .put("quorum", m.quorum)
                        .put("failover-timeout", m.failoverTimeoutMs)
                        .put("parallel-syncs", m.parallelSyncs);
                if (m.notificationScript != null) {
                    b.put("notification-script", m.notificationScript);
                }
                if (m.clientReconfigScript != null) {
                    b.put("client-reconfig-script", m.clientReconfigScript);
                }
            }
            case ReplicaInstance r -> b.put("master-link-down-time", r.masterLinkDownTime)
                    .put("master-link-status", r.masterLinkUp ? "ok" : "err")
                    .put("master-host", r.slaveMasterHost == null ? "?" : r.slaveMasterHost)
                    .put("master-port", r.slaveMasterPort)
                    .put("slave-priority", r.slavePriority)
                    .put("slave-repl-offset", r.replOffset)
                    .put("replica-announced", r.replicaAnnounced ? 1 : 0);
            case SentinelPeer p -> b.put("last-hello-message", p.lastHelloTime == 0 ? now : now - p.lastHelloTime)
                    .put("voted-leader", p.leader == null ? "?" : p.leader)
                    .put("voted-leader-epoch", p.leaderEpoch);
        }
        return b.build();
    }
}
