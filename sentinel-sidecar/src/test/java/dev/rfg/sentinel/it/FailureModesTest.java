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
import redis.clients.jedis.exceptions.JedisDataException;

import java.time.Duration;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Frozen master, manual failover with replica-priority 0, and no failover without a majority. */
@Tag("every-server")
@ExtendWith(GroupExtension.class)
class FailureModesTest {

    @Test
    void frozenMasterIsFailedOverAndConvertedAfterItWakesUp(Group g) throws Exception {
        g.startRedis(2).startSentinels(JAVA, JAVA, JAVA);
        g.awaitDiscovery();
        g.fastInfo();
        RedisNode master = g.master();
        String old = "127.0.0.1:" + master.port;
        master.stop();
        Waits.until("failover away from the frozen master", 20, () -> g.sentinels.stream()
                .allMatch(s -> s.masterAddr(Group.NAME) != null && !old.equals(s.masterAddr(Group.NAME))));
        String now = g.sentinels.get(0).masterAddr(Group.NAME);
        master.cont();
        Waits.until("old master converted", 40, () -> "slave".equals(master.role())
                && now.endsWith(":" + master.infoField("replication", "master_port")));
        assertThat(g.countInLogs("+promoted-slave")).isEqualTo(1);
        assertThat(g.countInLogs("+convert-to-slave")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void manualFailoverNeverPromotesAPriorityZeroReplica(Group g) throws Exception {
        g.startRedis(2);
        RedisNode never = g.redis.get(2);
        try (Jedis j = never.jedis()) {
            j.configSet("replica-priority", "0");
        }
        g.startSentinels(JAVA, JAVA, JAVA);
        g.awaitDiscovery();
        g.fastInfo();
        SentinelNode s0 = g.sentinels.get(0);
        Waits.until("priority 0 seen", 15, () -> s0.replicas(Group.NAME).stream()
                .anyMatch(r -> r.get("slave-priority").equals("0")));
        for (int round = 1; round <= 2; round++) {
            String before = s0.masterAddr(Group.NAME);
            Waits.until("a good replica is available", 20, () -> "OK".equals(s0.sentinel("failover", Group.NAME)));
            Waits.until("manual failover " + 1, 20, () -> g.sentinels.stream()
                    .allMatch(s -> !before.equals(s.masterAddr(Group.NAME))));
            String after = s0.masterAddr(Group.NAME);
            assertThat(after).isNotEqualTo("127.0.0.1:" + never.port);
            Waits.until("failover finished", 20, () -> !s0.master(Group.NAME).get("flags").contains("failover_in_progress"));
            Waits.until("replicas follow", 30, () -> g.redis.stream().filter(r -> !after.equals("127.0.0.1:" + r.port))
                    .allMatch(r -> after.endsWith(":" + r.infoField("replication", "master_port"))
                            && "up".equals(r.infoField("replication", "master_link_status"))));
        }
        assertThat(never.role()).isEqualTo("slave");
        assertThatThrownBy(() -> s0.sentinel("failover", "nosuch")).isInstanceOf(JedisDataException.class)
                .hasMessage("ERR No such master with that name");
    }

    @Test
    void twoOfThreeSentinelsDeadMeansNoFailover(Group g) throws Exception {
        g.startRedis(1).startSentinels(JAVA, JAVA, JAVA);
        g.awaitDiscovery();
        SentinelNode survivor = g.sentinels.get(0);
        assertThat(survivor.sentinel("ckquorum", Group.NAME))
                .isEqualTo("OK 3 usable Sentinels. Quorum and failover authorization can be reached");
        g.sentinels.get(1).kill9();
        g.sentinels.get(2).kill9();
        Waits.until("ckquorum fails", 15, () -> {
            try {
                survivor.sentinel("ckquorum", Group.NAME);
                return false;
            } catch (JedisDataException e) {
                return e.getMessage().equals("NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach "
                        + "the specified quorum for this master. Not enough available Sentinels to reach the "
                        + "majority and authorize a failover");
            }
        });
        String addr = survivor.masterAddr(Group.NAME);
        g.master().kill9();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                .until(() -> addr.equals(survivor.masterAddr(Group.NAME)));
        assertThat(survivor.countInLog("+promoted-slave")).isZero();
        assertThat(survivor.master(Group.NAME).get("flags")).contains("s_down").doesNotContain("o_down");
    }
}
