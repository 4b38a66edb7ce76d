package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.RedisNode;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;

/**
 * A master and a replica known by names that do not resolve at first, as a force-deleted pod's name does not
 * for a while: the sentinel keeps retrying, and once a name resolves (added to the sentinel's JDK hosts file) it
 * connects and the instance loses {@code disconnected} and {@code s_down}.
 */
@ExtendWith(GroupExtension.class)
class UnresolvableHostTest {
    static final String MASTER_NAME = "master.rfg.test";
    static final String REPLICA_NAME = "replica.rfg.test";

    @Test
    void linksComeUpOnceTheNamesResolve(Group g) throws Exception {
        Path hosts = g.root.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n");
        RedisNode master = new RedisNode(g.root, Procs.freePort()).start();
        g.redis.add(master);
        g.redis.add(new RedisNode(g.root, Procs.freePort()).replicaOf(master.port)
                .option("replica-announce-ip", REPLICA_NAME).start());
        // Quorum 2 with one sentinel: the unreachable master is never ODOWN, so no failover gets in the way.
        SentinelNode s = new SentinelNode(JAVA, g.root, Procs.freePort(), "sentinel resolve-hostnames yes\n"
                + "sentinel monitor " + Group.NAME + " " + MASTER_NAME + " " + master.port + " 2\n"
                + "sentinel down-after-milliseconds " + Group.NAME + " 1000\n")
                .javaOption("-Djdk.net.hosts.file=" + hosts);
        g.sentinels.add(s);
        s.start();

        Waits.until("master down while its name does not resolve", 15, () ->
                List.of(s.master(Group.NAME).get("flags").split(",")).containsAll(List.of("s_down", "disconnected")));
        Files.writeString(hosts, "127.0.0.1 " + MASTER_NAME + "\n", StandardOpenOption.APPEND);
        Waits.until("master up once its name resolves", 15, () -> "master".equals(s.master(Group.NAME).get("flags")));

        Waits.until("replica discovered and down while its name does not resolve", 30, () -> {
            List<Map<String, String>> r = s.replicas(Group.NAME);
            return r.size() == 1 && r.get(0).get("name").equals(REPLICA_NAME + ":" + g.redis.get(1).port)
                    && List.of(r.get(0).get("flags").split(",")).containsAll(List.of("s_down", "disconnected"));
        });
        Files.writeString(hosts, "127.0.0.1 " + REPLICA_NAME + "\n", StandardOpenOption.APPEND);
        Waits.until("replica up once its name resolves", 15, () ->
                "slave".equals(s.replicas(Group.NAME).get(0).get("flags")));
    }
}
