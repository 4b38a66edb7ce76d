package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.RedisNode;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.time.Duration;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failover whose replica reconfiguration outlasts failover-timeout ends with {@code +failover-end-for-timeout}
 * and a best-effort SLAVEOF to the replicas not yet reconfigured, never to the promoted replica itself (stock
 * skips the promoted one; sending it {@code SLAVEOF <its own address>} turned the new master read-only).
 */
@Tag("every-server")
@ExtendWith(GroupExtension.class)
class FailoverEndForTimeoutTest {
    private static final String PASS = "reconf-blocker";

    @Test
    void theBestEffortReconfigurationLeavesThePromotedReplicaMaster(Group g) throws Exception {
        g.withTimers(1000, 3000).startRedis(2);
        RedisNode promoted = g.redis.get(1);
        RedisNode stuck = g.redis.get(2);
        // The promoted replica will require a password its fellow replica does not have (no masterauth), so the
        // fellow's sync to the new master never completes and the reconfiguration runs into failover-timeout.
        try (Jedis j = stuck.jedis()) {
            j.configSet("replica-priority", "0");
        }
        try (Jedis j = promoted.jedis()) {
            j.configSet("requirepass", PASS);
        }
        for (int i = 0; i < 3; i++) {
            g.sentinels.add(new SentinelNode(JAVA, g.root, Procs.freePort(),
                    g.monitorConfig() + "sentinel auth-pass " + Group.NAME + " " + PASS + "\n").start());
        }
        g.awaitDiscovery();
        g.fastInfo();
        g.master().kill9();

        Waits.until("+failover-end-for-timeout", 40, () -> g.countInLogs("+failover-end-for-timeout") > 0);
        SentinelNode leader = g.sentinels.stream().filter(s -> s.countInLog("+failover-end-for-timeout") > 0)
                .findFirst().orElseThrow();
        Waits.until("best-effort reconfiguration of the stuck replica", 10,
                () -> leader.countInLog("+slave-reconf-sent-be slave 127.0.0.1:" + stuck.port) > 0);
        assertThat(leader.countInLog("+slave-reconf-sent-be slave 127.0.0.1:" + promoted.port)).isZero();
        await("the promoted replica stays master").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> "master".equals(roleWithPassword(promoted)));
    }

    private static String roleWithPassword(RedisNode node) {
        try (Jedis j = node.jedis()) {
            j.auth(PASS);
            return String.valueOf(j.role().get(0));
        }
    }
}
