package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.RedisNode;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static dev.rfg.sentinel.harness.SentinelNode.Kind.STOCK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groups mixing the server's own stock sentinel (redis-sentinel 7.0 or 8.0, valkey-sentinel 8.1: whichever
 * RFG_SERVER names) and RFG sentinels discover each other and fail over together.
 */
@Tag("every-server")
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

    /**
     * Hostnames against IPs (stock keeps both for every instance): {@code names} = every sentinel monitors
     * "localhost" with resolve-hostnames and announce-hostnames yes and the replicas announce "localhost";
     * {@code mixed} = the stock sentinels monitor and announce 127.0.0.1 while the RFG ones use "localhost".
     * Either way the group fails over with an RFG leader and then with a stock leader, and every sentinel switches
     * exactly once per failover: no +switch-master from a hello that names the same master the other way.
     */
    @ParameterizedTest(name = "{0}: {1} stock + {2} RFG")
    @CsvSource({"names,2,1", "names,1,2", "mixed,1,2"})
    void hostnamesAndIpsInOneGroup(String mode, int stock, int java, Group g) throws Exception {
        boolean names = mode.equals("names");
        // The replicas announce "localhost" from their first handshake on, so the master's INFO lists them so.
        RedisNode master = new RedisNode(g.root, Procs.freePort()).start();
        g.redis.add(master);
        for (int i = 0; i < 2; i++) {
            RedisNode r = new RedisNode(g.root, Procs.freePort()).replicaOf(master.port);
            if (names) {
                r.option("replica-announce-ip", "localhost");
            }
            g.redis.add(r.start());
        }
        Waits.until("replicas in sync", 30, () -> master.info("replication").lines()
                .filter(l -> l.startsWith("slave") && l.contains("state=online")).count() == 2);
        for (int i = 0; i < stock; i++) {
            g.sentinels.add(sentinel(g, STOCK, names ? "localhost" : "127.0.0.1", names));
        }
        for (int i = 0; i < java; i++) {
            g.sentinels.add(sentinel(g, JAVA, "localhost", true));
        }
        g.awaitDiscovery();
        g.fastInfo();
        int oldPort = g.master().port;
        g.master().kill9();
        Waits.until("every sentinel reports the new master", 30, () -> g.sentinels.stream()
                .map(s -> s.masterAddr(Group.NAME)).allMatch(a -> a != null && !a.endsWith(":" + oldPort)));
        String now = g.sentinels.get(0).masterAddr(Group.NAME);
        int newPort = Integer.parseInt(now.substring(now.lastIndexOf(':') + 1));
        Waits.until("all agree on the new master's port", 10, () -> g.sentinels.stream()
                .allMatch(s -> s.masterAddr(Group.NAME).endsWith(":" + newPort)));
        if (names) {
            assertThat(g.sentinels).allMatch(s -> s.masterAddr(Group.NAME).equals("localhost:" + newPort));
        }
        assertThat(g.countInLogs("+promoted-slave")).isEqualTo(1);
        Waits.until("the other replica follows", 30, () -> g.redis.stream()
                .filter(r -> r.alive() && r.port != newPort)
                .allMatch(r -> String.valueOf(newPort).equals(r.infoField("replication", "master_port"))));

        SentinelNode stockLeader = g.sentinels.stream().filter(s -> s.kind == STOCK).findFirst().orElseThrow();
        Waits.until("stock sentinel accepts FAILOVER", 20, () -> "OK".equals(stockLeader.sentinel("failover", Group.NAME)));
        Waits.until("every sentinel follows the stock leader", 30, () -> g.sentinels.stream().allMatch(s -> {
            String a = s.masterAddr(Group.NAME);
            return a != null && !a.endsWith(":" + newPort) && !a.endsWith(":" + oldPort);
        }));
        Waits.until("epochs converge", 20, () -> g.sentinels.stream()
                .map(s -> s.master(Group.NAME).get("config-epoch")).distinct().count() == 1);
        for (SentinelNode s : g.sentinels) {
            assertThat(s.countInLog("+switch-master")).as("+switch-master in the log of %s sentinel %d", s.kind, s.port)
                    .isEqualTo(2);
        }

        // A sentinel that joins now, told the current master by name: the peers' hellos (with the group's config
        // epoch, and in mixed mode the master's IP) name the master it monitors, so there is nothing to switch.
        String current = g.sentinels.get(0).masterAddr(Group.NAME);
        int currentPort = Integer.parseInt(current.substring(current.lastIndexOf(':') + 1));
        SentinelNode late = lateSentinel(g, currentPort);
        g.sentinels.add(late);
        Waits.until("the late sentinel adopts the group's config epoch", 20, () -> late.master(Group.NAME)
                .get("config-epoch").equals(g.sentinels.get(0).master(Group.NAME).get("config-epoch")));
        Waits.until("the late sentinel hears every peer", 20,
                () -> late.sentinels(Group.NAME).size() == g.sentinels.size() - 1);
        assertThat(late.countInLog("+switch-master")).isZero();
        assertThat(late.masterAddr(Group.NAME)).isEqualTo("localhost:" + currentPort);
    }

    private static SentinelNode lateSentinel(Group g, int masterPort) throws IOException {
        String conf = "sentinel resolve-hostnames yes\nsentinel announce-hostnames yes\n"
                + "sentinel monitor " + Group.NAME + " localhost " + masterPort + " " + g.quorum + "\n"
                + "sentinel down-after-milliseconds " + Group.NAME + " " + g.downAfterMs + "\n"
                + "sentinel failover-timeout " + Group.NAME + " " + g.failoverTimeoutMs + "\n";
        return new SentinelNode(JAVA, g.root, Procs.freePort(), conf).start();
    }

    private static SentinelNode sentinel(Group g, SentinelNode.Kind kind, String host, boolean hostnames)
            throws IOException {
        String conf = (hostnames ? "sentinel resolve-hostnames yes\nsentinel announce-hostnames yes\n" : "")
                + "sentinel monitor " + Group.NAME + " " + host + " " + g.master().port + " " + g.quorum + "\n"
                + "sentinel down-after-milliseconds " + Group.NAME + " " + g.downAfterMs + "\n"
                + "sentinel failover-timeout " + Group.NAME + " " + g.failoverTimeoutMs + "\n";
        return new SentinelNode(kind, g.root, Procs.freePort(), conf).start();
    }
}
