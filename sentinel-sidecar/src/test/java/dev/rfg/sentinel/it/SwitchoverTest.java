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

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SENTINEL SWITCHOVER (RFG extension): a planned failover through the master's FAILOVER TO, under a writer that
 * counts a write as acknowledged when WAIT 1 returns >= 1. Zero acknowledged writes lost; every sentinel reports
 * the target; the error replies.
 */
@Tag("every-server")
@ExtendWith(GroupExtension.class)
class SwitchoverTest {

    @Test
    void plannedSwitchoverLosesNoAcknowledgedWrite(Group g) throws Exception {
        g.withTimers(2000, 10000).startRedis(2).startSentinels(JAVA, JAVA, JAVA);
        g.awaitDiscovery();
        g.fastInfo();
        RedisNode oldMaster = g.master();
        RedisNode target = g.redis.get(2);
        SentinelNode asked = g.sentinels.get(1);
        Waits.until("target known in sync", 20, () -> asked.replicas(Group.NAME).stream().anyMatch(r ->
                String.valueOf(target.port).equals(r.get("port")) && "0".equals(r.get("master-link-down-time"))));

        assertThatThrownBy(() -> asked.sentinel("switchover", "nosuch", "127.0.0.1", "1"))
                .hasMessageContaining("No such master with that name");
        assertThatThrownBy(() -> asked.sentinel("switchover", Group.NAME, "127.0.0.1", "1"))
                .hasMessageContaining("NOGOODSLAVE");
        assertThatThrownBy(() -> asked.sentinel("switchover", Group.NAME, "127.0.0.1",
                String.valueOf(oldMaster.port))).hasMessageContaining("NOGOODSLAVE");

        ConcurrentLinkedQueue<Long> acked = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong errors = new AtomicLong();
        Thread writer = Thread.ofPlatform().start(() -> {
            long i = 0;
            Jedis j = null;
            while (!stop.get()) {
                try {
                    if (j == null) {
                        String addr = asked.masterAddr(Group.NAME);
                        j = new Jedis("127.0.0.1", Integer.parseInt(addr.split(":")[1]), 2000);
                    }
                    j.rpush("log", Long.toString(i));
                    if (j.waitReplicas(1, 100) >= 1) {
                        acked.add(i);
                    }
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                    if (j != null) {
                        j.close();
                    }
                    j = null;
                    sleep(20);
                }
                i++;
            }
            if (j != null) {
                j.close();
            }
        });
        Waits.until("writes flowing", 10, () -> acked.size() > 100);

        Object ok = asked.sentinel("switchover", Group.NAME, "127.0.0.1", String.valueOf(target.port));
        assertThat(ok).isEqualTo("OK");
        assertThatThrownBy(() -> asked.sentinel("switchover", Group.NAME, "127.0.0.1", String.valueOf(target.port)))
                .hasMessageContaining("INPROG");

        String expected = "127.0.0.1:" + target.port;
        Waits.until("every sentinel reports the target", 30, () ->
                g.sentinels.stream().allMatch(s -> expected.equals(s.masterAddr(Group.NAME))));
        assertThat(target.role()).isEqualTo("master");
        Waits.until("old master replicates from the target", 30, () ->
                String.valueOf(target.port).equals(oldMaster.infoField("replication", "master_port"))
                        && "up".equals(oldMaster.infoField("replication", "master_link_status")));
        int before = acked.size();
        Waits.until("writes acknowledged by the new master", 20, () -> acked.size() > before + 100);
        stop.set(true);
        writer.join(10_000);

        List<String> log;
        try (Jedis j = target.jedis()) {
            log = j.lrange("log", 0, -1);
        }
        Set<String> present = new HashSet<>(log);
        List<Long> lost = acked.stream().filter(v -> !present.contains(Long.toString(v))).toList();
        assertThat(lost).as("acknowledged writes lost (of %d, %d errors)", acked.size(), errors.get()).isEmpty();
        assertThat(g.countInLogs("+promoted-slave")).isEqualTo(1);
        assertThat(asked.log()).contains("SWITCHOVER");
        // The others may switch on the promoted replica's hellos before the leader has seen every replica
        // reconfigured (its own +switch-master comes at failover-end).
        Waits.until("all switched", 20, () -> g.countInLogs("+switch-master") == 3);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
