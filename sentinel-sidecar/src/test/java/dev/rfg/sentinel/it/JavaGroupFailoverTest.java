package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.RedisNode;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.util.Comparator;
import java.util.List;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;

/** 1 master + 2 replicas + 3 RFG sentinels: discovery, SIGKILL failover, old master rejoins. */
@Tag("every-server")
@ExtendWith(GroupExtension.class)
class JavaGroupFailoverTest {

    @Test
    void killedMasterIsReplacedByTheMostUpToDateReplica(Group g) throws Exception {
        g.startRedis(2).startSentinels(JAVA, JAVA, JAVA);
        g.awaitDiscovery();
        g.fastInfo();
        for (SentinelNode s : g.sentinels) {
            assertThat(s.sentinels(Group.NAME)).hasSize(2);
            assertThat(s.replicas(Group.NAME)).hasSize(2);
        }
        RedisNode master = g.master();
        // The replica that would win the run-id tie-break is made to lag (detached from the master: a stopped
        // process would catch up from its socket buffer), so only the offset can pick the other.
        List<RedisNode> replicas = g.redis.subList(1, 3).stream()
                .sorted(Comparator.comparing((RedisNode r) -> r.infoField("server", "run_id"))).toList();
        RedisNode lagging = replicas.get(0);
        RedisNode ahead = replicas.get(1);
        try (Jedis j = master.jedis()) {
            j.set("before", "1");
            j.waitReplicas(2, 2000);
            try (Jedis l = lagging.jedis()) {
                l.replicaof("127.0.0.1", dev.rfg.sentinel.harness.Procs.freePort());
            }
            for (int i = 0; i < 200; i++) {
                j.set("k" + i, "v" + i);
            }
            j.waitReplicas(1, 2000);
        }
        master.kill9();

        String expected = "127.0.0.1:" + ahead.port;
        Waits.until("all sentinels report the new master", 20, () ->
                g.sentinels.stream().allMatch(s -> expected.equals(s.masterAddr(Group.NAME))));
        Waits.until("lagging replica follows the new master", 20, () ->
                String.valueOf(ahead.port).equals(lagging.infoField("replication", "master_port"))
                        && "up".equals(lagging.infoField("replication", "master_link_status")));
        assertThat(ahead.role()).isEqualTo("master");
        assertThat(g.countInLogs("+promoted-slave")).isEqualTo(1);
        assertThat(g.countInLogs("+elected-leader")).isEqualTo(1);
        Waits.until("leader finished", 20, () -> g.countInLogs("+switch-master") == 3);

        master.restart();
        Waits.until("old master converted to a replica", 40, () -> "slave".equals(master.role())
                && String.valueOf(ahead.port).equals(master.infoField("replication", "master_port")));
        Waits.until("all sentinels list it as a replica", 20, () -> g.sentinels.stream().allMatch(s ->
                s.replicas(Group.NAME).stream().anyMatch(r -> r.get("name").equals("127.0.0.1:" + master.port)
                        && !r.get("flags").contains("s_down"))));
    }
}
