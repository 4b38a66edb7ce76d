package dev.rfg.sentinel.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A master, its replicas and a set of sentinels on loopback, in a temp dir. Closing it kills every
 * process and deletes the dir.
 */
public final class Group implements AutoCloseable {
    public static final String NAME = "mymaster";
    public final Path root;
    public final List<RedisNode> redis = new ArrayList<>();
    public final List<SentinelNode> sentinels = new ArrayList<>();
    public long downAfterMs = 1000;
    public long failoverTimeoutMs = 6000;
    public int quorum = 2;

    public Group() throws IOException {
        root = Files.createTempDirectory("rfg-sentinel-test");
    }

    public Group withTimers(long downAfter, long failoverTimeout) {
        this.downAfterMs = downAfter;
        this.failoverTimeoutMs = failoverTimeout;
        return this;
    }

    /** Starts a master and {@code replicas} replicas, waiting until the replicas are in sync. */
    public Group startRedis(int replicas) throws IOException {
        RedisNode master = new RedisNode(root, Procs.freePort()).start();
        redis.add(master);
        for (int i = 0; i < replicas; i++) {
            redis.add(new RedisNode(root, Procs.freePort()).replicaOf(master.port).start());
        }
        // state=online, not just connected: a diskless full sync waits repl-diskless-sync-delay (5 s) first.
        Waits.until("replicas in sync", 30, () ->
                master.info("replication").lines().filter(l -> l.startsWith("slave") && l.contains("state=online"))
                        .count() == replicas);
        return this;
    }

    public RedisNode master() {
        return redis.get(0);
    }

    public String monitorConfig() {
        return "sentinel monitor " + NAME + " 127.0.0.1 " + master().port + " " + quorum + "\n"
                + "sentinel down-after-milliseconds " + NAME + " " + downAfterMs + "\n"
                + "sentinel failover-timeout " + NAME + " " + failoverTimeoutMs + "\n";
    }

    public SentinelNode addSentinel(SentinelNode.Kind kind) throws IOException {
        SentinelNode s = new SentinelNode(kind, root, Procs.freePort(), monitorConfig()).start();
        sentinels.add(s);
        return s;
    }

    public Group startSentinels(SentinelNode.Kind... kinds) throws IOException {
        for (SentinelNode.Kind k : kinds) {
            addSentinel(k);
        }
        return this;
    }

    /** Waits until every sentinel sees all the others and all replicas. */
    public void awaitDiscovery() {
        int replicas = redis.size() - 1;
        Waits.until("discovery", 30, () -> sentinels.stream().allMatch(s ->
                s.sentinels(NAME).size() == sentinels.size() - 1 && s.replicas(NAME).size() == replicas));
    }

    public RedisNode nodeAt(String addr) {
        return redis.stream().filter(r -> addr.equals("127.0.0.1:" + r.port)).findFirst().orElseThrow();
    }

    public List<SentinelNode> liveSentinels() {
        return sentinels.stream().filter(SentinelNode::alive).toList();
    }

    public long countInLogs(String token) {
        return sentinels.stream().mapToLong(s -> s.countInLog(token)).sum();
    }

    /** Makes stock and RFG sentinels quicker to re-check roles in tests (as redis's own suite does). */
    public void fastInfo() {
        for (SentinelNode s : sentinels) {
            s.sentinel("debug", "info-period", "1000", "publish-period", "500");
        }
    }

    @Override
    public void close() {
        sentinels.forEach(SentinelNode::kill9);
        redis.forEach(RedisNode::kill9);
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    public void dumpLogs() {
        for (SentinelNode s : sentinels) {
            System.out.println("==== sentinel " + s.port + " (" + s.kind + ")\n" + s.log());
        }
    }
}
