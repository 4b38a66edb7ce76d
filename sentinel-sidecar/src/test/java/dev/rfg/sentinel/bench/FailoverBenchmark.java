package dev.rfg.sentinel.bench;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failover benchmark: 3 redis-servers + 3 sentinels per implementation (RFG through bin/rfg-sentinel,
 * stock redis-sentinel), SIGKILL of the master under a writer that uses WAIT 1; prints median and p90.
 * Usage: FailoverBenchmark [runs=10] [down-after-ms=1000]
 */
public final class FailoverBenchmark {
    record Run(double odown, double switchMaster, double firstAck, long lost, double rssMib) {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long downAfter = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        Map<SentinelNode.Kind, List<Run>> results = new java.util.LinkedHashMap<>();
        for (SentinelNode.Kind kind : List.of(SentinelNode.Kind.LAUNCHER, SentinelNode.Kind.STOCK)) {
            List<Run> list = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Run r = once(kind, downAfter);
                System.out.printf(Locale.ROOT, "%-5s run %2d: odown %.3f s, switch %.3f s, first ack %.3f s, lost %d, rss %.1f MiB%n",
                        name(kind), i + 1, r.odown, r.switchMaster, r.firstAck, r.lost, r.rssMib);
                list.add(r);
            }
            results.put(kind, list);
        }
        System.out.printf(Locale.ROOT, "%nFailover benchmark: %d runs each, down-after-milliseconds %d, 3 redis + 3 sentinels, writer SET+WAIT 1%n",
                runs, downAfter);
        System.out.printf(Locale.ROOT, "%-38s %18s %18s%n", "metric (median / p90)", "RFG", "stock 7.0.15");
        row("time to +odown (s)", results, Run::odown);
        row("time to +switch-master (s)", results, Run::switchMaster);
        row("overhead = switch - down-after (s)", results, r -> r.switchMaster - downAfter / 1000.0);
        row("first acked write on new master (s)", results, Run::firstAck);
        row("acknowledged writes lost", results, r -> (double) r.lost);
        row("sentinel RSS at steady state (MiB)", results, Run::rssMib);
    }

    private static String name(SentinelNode.Kind k) {
        return k == SentinelNode.Kind.STOCK ? "stock" : "RFG";
    }

    private static void row(String label, Map<SentinelNode.Kind, List<Run>> res, java.util.function.ToDoubleFunction<Run> f) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-38s", label));
        for (List<Run> runs : res.values()) {
            double[] v = runs.stream().mapToDouble(f).sorted().toArray();
            sb.append(String.format(Locale.ROOT, " %8.3f / %7.3f", pct(v, 50), pct(v, 90)));
        }
        System.out.println(sb);
    }

    static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static Run once(SentinelNode.Kind kind, long downAfter) throws Exception {
        try (Group g = new Group()) {
            g.withTimers(downAfter, 10_000).startRedis(2).startSentinels(kind, kind, kind);
            g.awaitDiscovery();
            Map<String, Long> firstEvent = new ConcurrentHashMap<>();
            List<Thread> listeners = new ArrayList<>();
            List<JedisPubSub> subs = new ArrayList<>();
            for (SentinelNode s : g.sentinels) {
                JedisPubSub sub = new JedisPubSub() {
                    @Override
                    public void onPMessage(String pattern, String channel, String message) {
                        firstEvent.putIfAbsent(channel, System.nanoTime());
                    }
                };
                subs.add(sub);
                listeners.add(Thread.ofPlatform().daemon().start(() -> {
                    try (Jedis j = s.jedis()) {
                        j.psubscribe(sub, "*");
                    } catch (Exception ignored) {
                        // closed at the end of the run
                    }
                }));
            }
            Waits.until("subscribed", 10, () -> subs.stream().allMatch(JedisPubSub::isSubscribed));
            double rss = g.sentinels.stream().mapToLong(s -> Procs.rssKib(s.process().pid())).average().orElse(0) / 1024;

            Writer w = new Writer(g);
            Thread writer = Thread.ofPlatform().start(w);
            Waits.until("writer steady", 10, () -> w.acked.size() > 50);
            String oldAddr = "127.0.0.1:" + g.master().port;
            firstEvent.clear();
            long t0 = System.nanoTime();
            w.killTime.set(t0);
            g.master().kill9();
            Waits.until("first acked write on the new master", 60, () -> w.firstAckOnNew.get() != 0
                    && firstEvent.containsKey("+switch-master"));
            w.running.set(false);
            writer.join(5000);
            subs.forEach(s -> {
                try {
                    s.punsubscribe();
                } catch (Exception ignored) {
                    // already gone
                }
            });
            String newAddr = g.sentinels.get(0).masterAddr(Group.NAME);
            long lost;
            try (Jedis j = g.nodeAt(newAddr).jedis()) {
                Set<String> present = new HashSet<>(j.lrange("log", 0, -1));
                lost = w.acked.stream().filter(x -> !present.contains(x)).count();
            }
            if (newAddr.equals(oldAddr)) {
                throw new IllegalStateException("no failover");
            }
            return new Run(secs(firstEvent.get("+odown"), t0), secs(firstEvent.get("+switch-master"), t0),
                    secs(w.firstAckOnNew.get(), t0), lost, rss);
        }
    }

    private static double secs(Long t, long t0) {
        return t == null ? Double.NaN : (t - t0) / 1e9;
    }

    /** RPUSH log i; WAIT 1 100 — a write counts as acknowledged when one replica confirmed it. */
    static final class Writer implements Runnable {
        final Group g;
        final AtomicBoolean running = new AtomicBoolean(true);
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        final AtomicLong killTime = new AtomicLong();
        final AtomicLong firstAckOnNew = new AtomicLong();

        Writer(Group g) {
            this.g = g;
        }

        @Override
        public void run() {
            long i = 0;
            String initial = "127.0.0.1:" + g.master().port;
            Jedis j = null;
            String addr = null;
            while (running.get()) {
                try {
                    if (j == null) {
                        addr = lookup();
                        String[] hp = addr.split(":");
                        j = new Jedis(hp[0], Integer.parseInt(hp[1]), 500);
                    }
                    String v = Long.toString(++i);
                    j.rpush("log", v);
                    if (j.waitReplicas(1, 100) >= 1) {
                        acked.add(v);
                        if (!addr.equals(initial) && killTime.get() != 0) {
                            firstAckOnNew.compareAndSet(0, System.nanoTime());
                        }
                    }
                } catch (Exception e) {
                    if (j != null) {
                        j.close();
                    }
                    j = null;
                    pause();
                }
            }
            if (j != null) {
                j.close();
            }
        }

        private String lookup() {
            for (SentinelNode s : g.sentinels) {
                try {
                    String a = s.masterAddr(Group.NAME);
                    if (a != null) {
                        return a;
                    }
                } catch (Exception ignored) {
                    // try the next sentinel
                }
            }
            throw new IllegalStateException("no sentinel answered");
        }

        private static void pause() {
            try {
                Thread.sleep(10); // retry pacing of the writer, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
