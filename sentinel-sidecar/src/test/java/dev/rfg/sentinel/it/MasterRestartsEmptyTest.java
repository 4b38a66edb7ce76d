package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.RedisNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master's Redis restarts empty in the same place, configured as {@code replicaof <its own host port>} (what
 * Kubernetes mode's runtime conf makes of a master's container restart): it answers PINGs but reports role:slave,
 * and its replicas' links stay down (it refuses them SYNC). With down-after 1000 and the default 10 s INFO period,
 * the sentinels still fail over to a replica, and the data the replicas held survives.
 */
@Tag("every-server")
@ExtendWith(GroupExtension.class)
class MasterRestartsEmptyTest {

    @Test
    void masterBackEmptyAsItsOwnReplicaIsFailedOver(Group g) throws Exception {
        g.startRedis(2).startSentinels(JAVA, JAVA, JAVA);
        g.awaitDiscovery();
        RedisNode master = g.master();
        String old = "127.0.0.1:" + master.port;
        try (Jedis j = master.jedis()) {
            for (int i = 0; i < 100; i++) {
                j.set("k" + i, "v" + i);
            }
            assertThat(j.waitReplicas(2, 5000)).isEqualTo(2);
        }
        master.kill9();
        master.replicaOf(master.port).start();
        try (Jedis j = master.jedis()) {
            assertThat(j.dbSize()).isZero();
        }
        assertThat(master.role()).isEqualTo("slave");

        // Role:slave makes the master SDOWN only after down-after + 2 INFO periods, after up to one more INFO
        // period: about 31 s at most, and ODOWN needs two sentinels there.
        Waits.until("every sentinel names a replica as the master", 60, () -> g.sentinels.stream()
                .allMatch(s -> s.masterAddr(Group.NAME) != null && !old.equals(s.masterAddr(Group.NAME))));
        RedisNode promoted = g.nodeAt(g.sentinels.get(0).masterAddr(Group.NAME));
        assertThat(promoted.role()).isEqualTo("master");
        try (Jedis j = promoted.jedis()) {
            assertThat(j.dbSize()).isEqualTo(100);
            assertThat(j.get("k99")).isEqualTo("v99");
        }
        assertThat(g.countInLogs("+promoted-slave")).isEqualTo(1);
        Waits.until("the old master replicates the new one's data", 60, () ->
                String.valueOf(promoted.port).equals(master.infoField("replication", "master_port"))
                        && "up".equals(master.infoField("replication", "master_link_status"))
                        && master.infoField("keyspace", "db0") != null
                        && master.infoField("keyspace", "db0").startsWith("keys=100,"));
    }
}
