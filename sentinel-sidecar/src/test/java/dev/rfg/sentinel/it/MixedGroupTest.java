package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static dev.rfg.sentinel.harness.SentinelNode.Kind.STOCK;
import static org.assertj.core.api.Assertions.assertThat;

/** Groups mixing stock redis-sentinel 7.0 and RFG sentinels discover each other and fail over together. */
@ExtendWith(GroupExtension.class)
class MixedGroupTest {

    @ParameterizedTest(name = "{0} stock + {1} RFG")
    @CsvSource({"2,1", "1,2"})
    void mixedGroupAgreesAndFailsOver(int stock, int java, Group g) throws Exception {
        g.startRedis(2);
        for (int i = 0; i < stock; i++) {
            g.addSentinel(STOCK);
        }
        for (int i = 0; i < java; i++) {
            g.addSentinel(JAVA);
        }
        g.awaitDiscovery();
        g.fastInfo();
        String old = "127.0.0.1:" + g.master().port;
        g.master().kill9();
        Waits.until("every sentinel reports the new master", 30, () -> {
            Set<String> addrs = new HashSet<>();
            for (SentinelNode s : g.sentinels) {
                addrs.add(s.masterAddr(Group.NAME));
            }
            return addrs.size() == 1 && !addrs.contains(old) && !addrs.contains(null);
        });
        String now = g.sentinels.get(0).masterAddr(Group.NAME);
        Waits.until("promoted replica is master", 10, () -> "master".equals(g.nodeAt(now).role()));
        assertThat(g.countInLogs("+promoted-slave")).isEqualTo(1);
        Waits.until("epochs converge", 20, () -> {
            Set<String> epochs = new HashSet<>();
            for (SentinelNode s : g.sentinels) {
                epochs.add(s.master(Group.NAME).get("config-epoch"));
            }
            return epochs.size() == 1 && !epochs.contains("0");
        });
        Waits.until("the other replica follows", 30, () -> g.redis.stream()
                .filter(r -> r.alive() && !now.equals("127.0.0.1:" + r.port))
                .allMatch(r -> now.endsWith(":" + r.infoField("replication", "master_port"))));

        // Now a stock sentinel leads (a manual failover): the RFG sentinels follow its hellos.
        SentinelNode stockLeader = g.sentinels.stream().filter(s -> s.kind == STOCK).findFirst().orElseThrow();
        long ledBefore = stockLeader.countInLog("+elected-leader");
        Waits.until("stock sentinel accepts FAILOVER", 20, () -> "OK".equals(stockLeader.sentinel("failover", Group.NAME)));
        Waits.until("every sentinel follows the stock leader", 30, () -> g.sentinels.stream().allMatch(s -> {
            String a = s.masterAddr(Group.NAME);
            return a != null && !a.equals(now) && !a.equals(old);
        }));
        assertThat(stockLeader.countInLog("+elected-leader")).isEqualTo(ledBefore + 1);
        Waits.until("epochs converge again", 20, () -> g.sentinels.stream()
                .map(s -> s.master(Group.NAME).get("config-epoch")).distinct().count() == 1);
    }
}
