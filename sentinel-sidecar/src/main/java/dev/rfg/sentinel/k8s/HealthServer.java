package dev.rfg.sentinel.k8s;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.ReplicaInstance;
import dev.rfg.sentinel.resp.Reply;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/** HTTP on :8080 for the probes and Prometheus, one thread (docs/sidecar-contract.md, item 7). */
final class HealthServer {
    private final KubernetesMode k;
    private final int port;
    private final PreStopHandover handover;
    private HttpServer server;

    HealthServer(KubernetesMode k, int port) {
        this.k = k;
        this.port = port;
        this.handover = new PreStopHandover(k);
    }

    void start() throws IOException {
        server = HttpServer.create(k.env.bind() == null ? new InetSocketAddress(port)
                : new InetSocketAddress(k.env.bind(), port), 16);
        // Several threads: the preStop hook waits for a switchover while the kubelet keeps probing.
        server.setExecutor(Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "rfg-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            switch (path) {
                case "/livez" -> reply(x, 200, "ok\n");
                case "/startup" -> {
                    RoleDecision.Decision d = k.decision;
                    if (k.started) {
                        reply(x, 200, "ok: " + d.kind().name().toLowerCase(Locale.ROOT)
                                + (d.masterHost() != null ? " of " + d.masterHost() : "") + "\n");
                    } else {
                        reply(x, 503, "waiting: " + (d == null ? "no decision yet" : d.reason()) + "\n");
                    }
                }
                case "/readyz" -> {
                    String why = sentinelReady();
                    reply(x, why == null ? 200 : 503, why == null ? "ok\n" : why + "\n");
                }
                case "/readyz/redis" -> {
                    String why = redisReady();
                    reply(x, why == null ? 200 : 503, why == null ? "ok\n" : why + "\n");
                }
                case "/prestop" -> {
                    PreStopHandover.Outcome o = handover.run(budgetMs(x.getRequestURI().getQuery()));
                    reply(x, o.ok() ? 200 : 500, o.message() + "\n");
                }
                case "/metrics" -> {
                    byte[] b = metrics().getBytes(StandardCharsets.UTF_8);
                    x.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    x.sendResponseHeaders(200, b.length);
                    try (OutputStream o = x.getResponseBody()) {
                        o.write(b);
                    }
                }
                default -> reply(x, 404, "not found\n");
            }
        } catch (Exception e) {
            reply(x, 500, e.toString() + "\n");
        }
    }

    /**
     * The hook's budget from {@code budget-seconds=N} in the query (the operator renders two thirds of the pod's
     * termination grace period, leaving the rest for Redis's own shutdown); without it, 20 s.
     */
    static long budgetMs(String query) {
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.startsWith("budget-seconds=")) {
                    try {
                        return Math.max(1, Math.min(3600, Long.parseLong(kv.substring(15)))) * 1000;
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
            }
        }
        return 20_000;
    }

    private static void reply(HttpExchange x, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(code, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    private String sentinelReady() {
        try {
            Boolean ok = k.onLoop(s -> true);
            return ok ? null : "sentinel not serving";
        } catch (Exception e) {
            return "sentinel engine not answering: " + e;
        }
    }

    /** Redis reachable with the password, its role known; for a replica: link up, not loading, no sync running. */
    String redisReady() {
        try {
            Reply info = RedisCalls.call(k.running.sentinel(), k.env.localRedisHost(), k.settings.redisPort(),
                    k.password(), 1000, List.of(List.of("INFO"))).get(0);
            if (info instanceof Reply.Error e) {
                return "INFO failed: " + e.text();
            }
            String role = RedisCalls.infoField(info, "role");
            if ("1".equals(RedisCalls.infoField(info, "loading"))) {
                return "redis is loading its dataset";
            }
            if ("master".equals(role)) {
                return null;
            }
            if (!"slave".equals(role)) {
                return "redis role unknown";
            }
            if (!"up".equals(RedisCalls.infoField(info, "master_link_status"))) {
                return "replica: master link is down";
            }
            if (!"0".equals(RedisCalls.infoField(info, "master_sync_in_progress"))) {
                return "replica: sync in progress";
            }
            return null;
        } catch (IOException e) {
            return "redis not reachable: " + e.getMessage();
        }
    }

    String metrics() {
        StringBuilder b = new StringBuilder();
        long[] v;
        try {
            v = k.onLoop(s -> {
                MasterInstance m = s.masters.get(k.settings.masterName());
                if (m == null) {
                    return new long[] {0, s.currentEpoch, 0, 0, 0, 0, 0, 0};
                }
                long replicas = m.replicas.values().stream().filter(r -> r.replicaAnnounced).count();
                return new long[] {m.configEpoch, s.currentEpoch, m.has(Flag.S_DOWN) ? 1 : 0,
                        m.has(Flag.O_DOWN) ? 1 : 0, m.sentinels.size() + 1, replicas,
                        m.has(Flag.FAILOVER_IN_PROGRESS) ? 1 : 0, s.voterPolicy.voters(m)};
            });
        } catch (Exception e) {
            v = new long[8];
        }
        String lbl = "{master=\"" + k.settings.masterName() + "\"}";
        KubeGlue g = k.glue;
        gauge(b, "rfg_sentinel_config_epoch", "Config epoch of the monitored master's configuration.", lbl, v[0]);
        gauge(b, "rfg_sentinel_current_epoch", "This sentinel's current epoch.", "", v[1]);
        counter(b, "rfg_sentinel_failovers_total", "Master switches this sentinel saw (+switch-master).", lbl,
                g == null ? 0 : g.failoversTotal);
        gaugeD(b, "rfg_sentinel_last_failover_timestamp_seconds", "Unix time of the last master switch (0: none).",
                lbl, g == null ? 0 : g.lastFailoverTimeMs / 1000.0);
        gaugeD(b, "rfg_sentinel_last_failover_duration_seconds",
                "From +odown (or the failover's start) to +switch-master, last failover.", lbl,
                g == null ? 0 : g.lastFailoverDurationMs / 1000.0);
        gauge(b, "rfg_sentinel_master_sdown", "1 when this sentinel sees the master subjectively down.", lbl, v[2]);
        gauge(b, "rfg_sentinel_master_odown", "1 when this sentinel sees the master objectively down.", lbl, v[3]);
        gauge(b, "rfg_sentinel_known_sentinels", "Sentinels known for the master, this one included.", lbl, v[4]);
        gauge(b, "rfg_sentinel_known_replicas", "Replicas known for the master.", lbl, v[5]);
        gauge(b, "rfg_sentinel_voters", "Sentinels a failover election is counted against (the majority is half + 1).",
                lbl, v[7]);
        gauge(b, "rfg_sentinel_failover_in_progress", "1 while a failover of the master runs here.", lbl, v[6]);
        gauge(b, "rfg_sentinel_started", "1 once the role decision let Redis start.", "", k.started ? 1 : 0);
        b.append(RedisMetrics.render(localInfo()));
        return b.toString();
    }

    /**
     * However many scrape (two Prometheus replicas, a person with curl), Redis answers at most one INFO per
     * {@link #INFO_REUSE_MS}; the request runs on the engine's connector, the HTTP thread waits for it, the engine
     * does not.
     */
    static final long INFO_REUSE_MS = 5000;
    private String lastInfo;
    private long lastInfoAtMs = -INFO_REUSE_MS;

    private synchronized String localInfo() {
        long now = System.currentTimeMillis();
        if (now - lastInfoAtMs < INFO_REUSE_MS) {
            return lastInfo;
        }
        lastInfoAtMs = now;
        try {
            Reply info = RedisCalls.call(k.running.sentinel(), k.env.localRedisHost(), k.settings.redisPort(),
                    k.password(), 1000, List.of(List.of("INFO"))).get(0);
            lastInfo = info.isError() ? null : info.text();
        } catch (IOException | RuntimeException e) {
            lastInfo = null;
        }
        return lastInfo;
    }

    private static void gauge(StringBuilder b, String name, String help, String lbl, long v) {
        RedisMetrics.metric(b, name, "gauge", help, lbl, Long.toString(v));
    }

    private static void gaugeD(StringBuilder b, String name, String help, String lbl, double v) {
        RedisMetrics.metric(b, name, "gauge", help, lbl, Double.toString(v));
    }

    private static void counter(StringBuilder b, String name, String help, String lbl, long v) {
        RedisMetrics.metric(b, name, "counter", help, lbl, Long.toString(v));
    }

    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
