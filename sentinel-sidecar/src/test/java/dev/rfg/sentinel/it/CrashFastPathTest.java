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
import redis.clients.jedis.Protocol;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14's crash fast path with real redis-servers and three RFG sentinels that treat a refused connection as
 * Kubernetes mode does (docs/sidecar-contract.md item 4): a master whose process is gone is failed over well
 * before down-after, through the normal vote; a master blocked by {@code DEBUG SLEEP} for half of down-after still
 * accepts connections and is not even SDOWN.
 */
@Tag("every-server")
@ExtendWith(GroupExtension.class)
class CrashFastPathTest {
    private static final long DOWN_AFTER_MS = 5000;

    @Test
    void aMasterWhoseRedisIsGoneIsFailedOverBeforeDownAfter(Group g) throws Exception {
        start(g);
        RedisNode master = g.master();
        String old = "127.0.0.1:" + master.port;
        long t0 = System.nanoTime();
        shutdownNoSave(master);
        Waits.until("every sentinel on a new master", 20, () -> g.sentinels.stream()
                .allMatch(s -> s.masterAddr(Group.NAME) != null && !old.equals(s.masterAddr(Group.NAME))));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("[CrashFastPathTest] SHUTDOWN NOSAVE of the master: every sentinel switched after %d ms"
                + " (down-after %d ms)%n", ms, DOWN_AFTER_MS);
        assertThat(ms).as("switched before down-after, so by the refusal rule").isLessThan(DOWN_AFTER_MS);
        assertThat(g.countInLogs("+odown")).as("the normal vote: ODOWN with quorum").isGreaterThanOrEqualTo(1);
        assertThat(g.countInLogs("+elected-leader")).isEqualTo(1);
        assertThat(g.countInLogs("+promoted-slave")).isEqualTo(1);
    }

    @Test
    void aMasterBlockedForHalfOfDownAfterIsNeitherDownNorFailedOver(Group g) throws Exception {
        start(g);
        RedisNode master = g.master();
        String addr = "127.0.0.1:" + master.port;
        CompletableFuture<Object> sleep = CompletableFuture.supplyAsync(() -> {
            try (Jedis j = new Jedis("127.0.0.1", master.port, (int) DOWN_AFTER_MS * 2)) {
                return j.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode("DEBUG"), "SLEEP", Double.toString(DOWN_AFTER_MS / 2000.0));
            }
        });
        assertThat(sleep.get(DOWN_AFTER_MS * 2, TimeUnit.MILLISECONDS)).isNotNull();
        // Every sentinel has had a PONG from the woken master since: whatever the sleep caused, it has shown.
        Waits.until("every sentinel pinged the master after the sleep", 10, () -> g.sentinels.stream()
                .allMatch(s -> Long.parseLong(s.master(Group.NAME).get("last-ok-ping-reply")) < 500));
        assertThat(g.countInLogs("+sdown master")).isZero();
        assertThat(g.countInLogs("+try-failover")).isZero();
        for (SentinelNode s : g.sentinels) {
            assertThat(s.masterAddr(Group.NAME)).isEqualTo(addr);
        }
    }

    private static void start(Group g) throws Exception {
        g.withTimers(DOWN_AFTER_MS, 10_000).startRedis(2);
        for (int i = 0; i < 3; i++) {
            g.sentinels.add(new SentinelNode(JAVA, g.root, Procs.freePort(), g.monitorConfig())
                    .javaOption("-Drfg.refusalMeansDown=true").start());
        }
        g.awaitDiscovery();
    }

    private static void shutdownNoSave(RedisNode r) {
        try (Jedis j = r.jedis()) {
            j.sendCommand(Protocol.Command.SHUTDOWN, "NOSAVE");
        } catch (RuntimeException expected) {
            // the connection closes with the server
        }
        Waits.until("redis " + r.port + " gone", 10, () -> !r.alive());
    }
}
