package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;

/** Unmodified clients (Jedis, Lettuce, redis-py, go-redis, redis-cli) keep working through a failover driven by RFG sentinels. */
@ExtendWith(GroupExtension.class)
class ClientsTest {
    private static final String PY = """
            import sys, time
            from redis.sentinel import Sentinel
            ports = [int(p) for p in sys.argv[1].split(',')]
            s = Sentinel([('127.0.0.1', p) for p in ports], socket_timeout=0.5)
            m = s.master_for('mymaster', socket_timeout=0.5)
            i = 0
            end = time.time() + float(sys.argv[2])
            while time.time() < end:
                i += 1
                try:
                    m.set('py', i)
                    print('ok', i, flush=True)
                except Exception as e:
                    print('err', type(e).__name__, flush=True)
                    time.sleep(0.05)
                time.sleep(0.02)
            """;

    /** One writer: counts acknowledged writes, remembers the last acknowledged value. */
    static final class Writer {
        final String key;
        final AtomicLong acked = new AtomicLong();
        final AtomicLong last = new AtomicLong();

        Writer(String key) {
            this.key = key;
        }

        void loop(AtomicBoolean running, LongConsumer write) {
            long i = 0;
            while (running.get()) {
                i++;
                try {
                    write.accept(i);
                    acked.incrementAndGet();
                    last.set(i);
                } catch (RuntimeException e) {
                    pause(50);
                }
                pause(20);
            }
        }
    }

    @Test
    void jedisLettuceRedisPyAndRedisCliFollowAFailover(Group g) throws Exception {
        g.startRedis(2).startSentinels(JAVA, JAVA, JAVA);
        g.awaitDiscovery();
        g.fastInfo();
        Set<String> sentinelAddrs = g.sentinels.stream().map(s -> "127.0.0.1:" + s.port).collect(Collectors.toSet());
        String ports = g.sentinels.stream().map(s -> String.valueOf(s.port)).collect(Collectors.joining(","));

        redisCli(g.sentinels.get(0));

        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        Writer jedisW = new Writer("jedis");
        Writer lettuceW = new Writer("lettuce");
        Writer mrW = new Writer("lettuce-mr");
        JedisSentinelPool pool = new JedisSentinelPool(Group.NAME, sentinelAddrs);
        RedisURI.Builder ub = RedisURI.builder().withSentinelMasterId(Group.NAME).withTimeout(Duration.ofMillis(500));
        g.sentinels.forEach(s -> ub.withSentinel("127.0.0.1", s.port));
        RedisURI uri = ub.build();
        RedisClient lettuce = RedisClient.create();
        StatefulRedisConnection<String, String> lc = lettuce.connect(uri);
        StatefulRedisMasterReplicaConnection<String, String> mr = MasterReplica.connect(lettuce, StringCodec.UTF8, uri);
        Path goWriter = buildGoWriter();
        List<String> goOut = new ArrayList<>();
        Process go = goWriter == null ? null : Procs.start(new ProcessBuilder(goWriter.toString(),
                g.sentinels.stream().map(s -> "127.0.0.1:" + s.port).collect(Collectors.joining(",")), "25")
                .redirectErrorStream(true));
        Thread goReader = go == null ? null : readLines(go, goOut);
        Path script = g.root.resolve("writer.py");
        Files.writeString(script, PY);
        Process py = Procs.start(new ProcessBuilder("/usr/bin/python3", script.toString(), ports, "25")
                .redirectErrorStream(true));
        List<String> pyOut = new ArrayList<>();
        Thread pyReader = readLines(py, pyOut);
        try {
            threads.add(Thread.ofPlatform().start(() -> jedisW.loop(running, i -> {
                try (Jedis j = pool.getResource()) {
                    j.set(jedisW.key, Long.toString(i));
                }
            })));
            threads.add(Thread.ofPlatform().start(() -> lettuceW.loop(running, i -> lc.sync().set(lettuceW.key, Long.toString(i)))));
            threads.add(Thread.ofPlatform().start(() -> mrW.loop(running, i -> mr.sync().set(mrW.key, Long.toString(i)))));
            List<Writer> writers = List.of(jedisW, lettuceW, mrW);
            Waits.until("writers running", 15, () -> writers.stream().allMatch(w -> w.acked.get() > 5)
                    && pyCount(pyOut) > 5 && (go == null || pyCount(goOut) > 5));

            String old = "127.0.0.1:" + g.master().port;
            g.master().kill9();
            Waits.until("failover", 20, () -> g.sentinels.stream().allMatch(s -> !old.equals(s.masterAddr(Group.NAME))));
            String now = g.sentinels.get(0).masterAddr(Group.NAME);
            long[] base = writers.stream().mapToLong(w -> w.acked.get()).toArray();
            long pyBase = pyCount(pyOut);
            long goBase = pyCount(goOut);
            Waits.until("every client writes to the new master", 20, () -> {
                for (int i = 0; i < writers.size(); i++) {
                    if (writers.get(i).acked.get() < base[i] + 10) {
                        return false;
                    }
                }
                return pyCount(pyOut) > pyBase + 10 && (go == null || pyCount(goOut) > goBase + 10);
            });
            running.set(false);
            for (Thread t : threads) {
                t.join(5000);
            }
            try (Jedis j = g.nodeAt(now).jedis()) {
                for (Writer w : writers) {
                    assertThat(Long.parseLong(j.get(w.key))).as(w.key).isEqualTo(w.last.get());
                }
                assertThat(Long.parseLong(j.get("py"))).isPositive();
                if (go != null) {
                    assertThat(Long.parseLong(j.get("go"))).isPositive();
                }
            }
        } finally {
            running.set(false);
            pool.close();
            mr.close();
            lc.close();
            lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            py.destroyForcibly();
            pyReader.join(2000);
            if (go != null) {
                go.destroyForcibly();
                goReader.join(2000);
            }
        }
    }

    private static Thread readLines(Process p, List<String> out) {
        return Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    synchronized (out) {
                        out.add(l);
                    }
                }
            } catch (Exception ignored) {
                // process ended
            }
        });
    }

    /**
     * Builds src/test/go/failover-writer (go-redis FailoverClient) with the Go toolchain, fetching
     * go-redis through the Go module proxy the first time. Returns null, and says why, if it cannot.
     */
    private static Path buildGoWriter() {
        Path src = Path.of("src/test/go/failover-writer").toAbsolutePath();
        Path out = Path.of("target/failover-writer").toAbsolutePath();
        String go = Files.isExecutable(Path.of("/usr/local/go/bin/go")) ? "/usr/local/go/bin/go" : "go";
        try {
            Process p = new ProcessBuilder(go, "build", "-o", out.toString(), ".").directory(src.toFile())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                System.out.println("go-redis writer not built, skipping it: " + log);
                return null;
            }
            return out;
        } catch (Exception e) {
            System.out.println("go-redis writer not built (no Go toolchain?), skipping it: " + e);
            return null;
        }
    }

    private static long pyCount(List<String> out) {
        synchronized (out) {
            return out.stream().filter(l -> l.startsWith("ok ")).count();
        }
    }

    /** redis-cli, as an operator would use it. */
    private static void redisCli(SentinelNode s) throws Exception {
        assertThat(cli(s, "SENTINEL", "get-master-addr-by-name", Group.NAME)).hasSize(2);
        assertThat(cli(s, "SENTINEL", "masters")).contains("name", Group.NAME, "num-other-sentinels", "2");
        assertThat(cli(s, "SENTINEL", "replicas", Group.NAME)).contains("master-link-status");
        assertThat(cli(s, "SENTINEL", "ckquorum", Group.NAME))
                .containsExactly("OK 3 usable Sentinels. Quorum and failover authorization can be reached");
        assertThat(cli(s, "SENTINEL", "get-master-addr-by-name", "nosuch")).containsExactly("");
        assertThat(cli(s, "-3", "HELLO", "3")).contains("server redis", "proto 3", "mode sentinel");
        assertThat(cli(s, "ROLE")).containsExactly("sentinel", Group.NAME);
        assertThat(cli(s, "SENTINEL", "myid")).singleElement().asString().hasSize(40);
    }

    private static List<String> cli(SentinelNode s, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(s.port)));
        if (args[0].equals("-3")) {
            cmd.add("-3");
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().toList();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms); // pacing of a client write loop, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
