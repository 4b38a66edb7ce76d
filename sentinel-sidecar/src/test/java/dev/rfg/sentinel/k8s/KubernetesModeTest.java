package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three "pods" on loopback in Kubernetes mode: each pod is a loopback address (127.0.0.2-4) that its DNS name
 * resolves to through a JDK hosts file ({@code -Djdk.net.hosts.file}); each sidecar is {@code rfg-sentinel
 * --kubernetes} in its own JVM with the contract's environment; the test plays the kubelet, starting redis-server
 * only once {@code /startup} passes. Redis cannot use the JDK hosts file, so the test hands it its runtime include
 * with names translated to addresses (sentinels' later SLAVEOF to names does not resolve for Redis here: the
 * replica reconfiguration after a failover is the e2e tests' job).
 */
class KubernetesModeTest {
    static final String NS = "ns";
    static final String PASSWORD = "s3cr\"et";
    final List<Process> procs = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Path root;
    int redisPort;
    int sentinelPort;
    int httpPort;
    Process[] sidecars = new Process[3];
    Process[] redis = new Process[3];

    static String host(int i) {
        return "g-" + i + ".g-headless." + NS + ".svc.cluster.local";
    }

    static String ip(int i) {
        return "127.0.0." + (i + 2);
    }

    @AfterEach
    void kill() {
        for (Process p : procs) {
            Procs.kill9(p);
        }
    }

    @Test
    void podsComeUpSafelyAndARestartedMasterWaitsForTheFailover(
            @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        startGroup(dir);
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertThat(get(n, "/readyz").statusCode()).isEqualTo(200);
            assertThat(get(n, "/livez").statusCode()).isEqualTo(200);
            Waits.until("pod " + n + " knows the group", 30, () -> {
                String m = get(n, "/metrics").body();
                return m.contains("rfg_sentinel_known_sentinels{master=\"g\"} 3")
                        && m.contains("rfg_sentinel_known_replicas{master=\"g\"} 2");
            });
        }
        String metrics = get(1, "/metrics").body();
        assertThat(metrics).contains("rfg_sentinel_config_epoch{master=\"g\"} 0", "rfg_sentinel_current_epoch 0",
                "rfg_sentinel_failovers_total{master=\"g\"} 0", "rfg_sentinel_master_sdown{master=\"g\"} 0",
                "rfg_sentinel_master_odown{master=\"g\"} 0", "rfg_sentinel_last_failover_timestamp_seconds",
                "rfg_sentinel_last_failover_duration_seconds");
        // Identity: derived id, announced by name; no address in any sentinel's state.
        try (RespClient c = RespClient.connect(ip(1), sentinelPort, PASSWORD, 2000)) {
            assertThat(c.call("SENTINEL", "MYID")).isEqualTo(PodIdentity.myId("uid-42", 1));
            assertThat(c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "g"))
                    .isEqualTo(List.of(host(0), Integer.toString(redisPort)));
        }
        for (int i = 0; i < 3; i++) {
            int n = i;
            Waits.until("state persisted " + n, 10, () -> Files.readString(stateConf(n)).contains("known-sentinel"));
            String state = Files.readString(stateConf(i));
            assertThat(state).contains("sentinel myid " + PodIdentity.myId("uid-42", i))
                    .contains("sentinel announce-ip " + host(i)).contains("sentinel announce-hostnames yes")
                    .doesNotContain("127.0.0.").doesNotContain("s3cr");
        }
        // The master pod is recreated: its Redis comes back empty and its sentinel without state. The peers still
        // name it master, so it must not start Redis until the sentinels have failed over to a replica.
        Procs.kill9(redis[0]);
        Procs.kill9(sidecars[0]);
        deleteTree(root.resolve("pod-0"));
        startSidecar(0);
        Waits.until("pod 0 sidecar serving", 20, () -> get(0, "/livez").statusCode() == 200);
        Waits.until("pod 0 waiting for the failover", 20,
                () -> get(0, "/startup").body().contains("names this pod as master"));
        HttpResponse<String> waiting = get(0, "/startup");
        assertThat(waiting.statusCode()).isEqualTo(503);
        assertThat(waiting.body()).contains("waiting").contains("names this pod as master");
        assertThat(runtimeConf(0)).doesNotExist();
        Waits.until("pod 0 decided after the failover", 40, () -> get(0, "/startup").statusCode() == 200);
        String conf = Files.readString(runtimeConf(0));
        assertThat(conf).containsAnyOf("replicaof " + host(1), "replicaof " + host(2));
        try (RespClient c = RespClient.connect(ip(2), sentinelPort, PASSWORD, 2000)) {
            Object addr = c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "g");
            assertThat(addr).isIn(List.of(host(1), Integer.toString(redisPort)),
                    List.of(host(2), Integer.toString(redisPort)));
        }
        Waits.until("failover counted", 10, () ->
                get(1, "/metrics").body().contains("rfg_sentinel_failovers_total{master=\"g\"} 1"));
    }

    /**
     * The sentinels know the group's pods as replicas from the start (not from the master's INFO, every 10 s), so a
     * master lost right after every pod turned Ready is failed over (it used to end in
     * -failover-abort-no-good-slave).
     */
    @Test
    void aMasterLostRightAfterReadyIsFailedOver(
            @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        startGroup(dir);
        Procs.kill9(redis[0]);
        List<Object> promoted = List.of(List.of(host(1), Integer.toString(redisPort)),
                List.of(host(2), Integer.toString(redisPort)));
        Waits.until("the sentinels of pods 1 and 2 name a replica as master", 30, () -> {
            for (int i = 1; i < 3; i++) {
                try (RespClient c = RespClient.connect(ip(i), sentinelPort, PASSWORD, 2000)) {
                    if (!promoted.contains(c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "g"))) {
                        return false;
                    }
                }
            }
            return true;
        });
        for (int i = 0; i < 3; i++) {
            assertThat(Files.readString(root.resolve("sidecar-" + i + ".log")))
                    .doesNotContain("-failover-abort-no-good-slave");
        }
    }

    /**
     * Three pods come up from nothing, as on the group's first creation: pod 0 (bootstrap) as master, the others as
     * its replicas; returns once every pod's Redis is ready. Each sentinel knows the replica pods as soon as it
     * monitors the master, before their Redis runs: no INFO can have told it.
     */
    void startGroup(Path dir) throws Exception {
        root = dir;
        redisPort = Procs.freePort();
        sentinelPort = Procs.freePort();
        httpPort = Procs.freePort();
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            hosts.append(ip(i)).append(' ').append(host(i)).append('\n');
        }
        Files.writeString(root.resolve("hosts"), hosts);
        Files.writeString(root.resolve("sentinel.properties"), """
                master-name=g
                group-uid=uid-42
                replicas=3
                quorum=2
                down-after-milliseconds=3000
                failover-timeout=6000
                parallel-syncs=1
                bootstrap-master=g-0
                headless-service=g-headless
                cluster-domain=cluster.local
                redis-port=%d
                sentinel-port=%d
                """.formatted(redisPort, sentinelPort));
        Files.writeString(root.resolve("password"), PASSWORD + "\n");

        for (int i = 0; i < 3; i++) {
            startSidecar(i);
        }
        // First creation: pod 0 (bootstrap) starts as master; the others wait for a master to be known.
        Waits.until("pod 0 decided", 20, () -> get(0, "/startup").statusCode() == 200);
        assertThat(get(0, "/startup").body()).contains("master");
        assertThat(Files.readString(runtimeConf(0))).contains("requirepass").doesNotContain("replicaof");
        assertThat(knownReplicas(0)).containsExactlyInAnyOrder(host(1) + ":" + redisPort, host(2) + ":" + redisPort);
        Waits.until("pod 1 serving HTTP", 20, () -> get(1, "/livez").statusCode() == 200);
        assertThat(get(1, "/readyz/redis").statusCode()).isEqualTo(503);
        startRedis(0);
        for (int i = 1; i < 3; i++) {
            int n = i;
            Waits.until("pod " + n + " decided", 20, () -> get(n, "/startup").statusCode() == 200);
            assertThat(Files.readString(runtimeConf(n))).contains("replicaof " + host(0) + " " + redisPort);
            assertThat(knownReplicas(n)).containsExactlyInAnyOrder(host(1) + ":" + redisPort,
                    host(2) + ":" + redisPort);
        }
        // Every sentinel reads the master's INFO before a replica runs, so that INFO lists none: only the next one,
        // 10 s later, would (a pod's Redis starts after its sidecar has decided, as in a cluster).
        Waits.until("every sentinel has the master's INFO", 20, () -> {
            for (int i = 0; i < 3; i++) {
                try (RespClient c = RespClient.connect(ip(i), sentinelPort, PASSWORD, 2000)) {
                    if ("0".equals(RespClient.recordField(c.call("SENTINEL", "MASTER", "g"), "info-refresh"))) {
                        return false;
                    }
                }
            }
            return true;
        });
        startRedis(1);
        startRedis(2);
        // (Readiness first: the sentinels soon send SLAVEOF <name>, which this test's Redis cannot resolve.)
        Waits.until("every pod's redis ready", 30, () -> get(0, "/readyz/redis").statusCode() == 200
                && get(1, "/readyz/redis").statusCode() == 200 && get(2, "/readyz/redis").statusCode() == 200);
    }

    /** The names of SENTINEL REPLICAS g on a pod's sentinel; each record's "ip" is the name too, never an address. */
    List<String> knownReplicas(int pod) throws IOException {
        List<String> names = new ArrayList<>();
        try (RespClient c = RespClient.connect(ip(pod), sentinelPort, PASSWORD, 2000)) {
            for (Object r : (List<?>) c.call("SENTINEL", "REPLICAS", "g")) {
                String name = RespClient.recordField(r, "name");
                assertThat(name).isEqualTo(RespClient.recordField(r, "ip") + ":" + RespClient.recordField(r, "port"));
                names.add(name);
            }
        }
        return names;
    }

    Path podDir(int i) {
        return root.resolve("pod-" + i);
    }

    Path runtimeConf(int i) {
        return podDir(i).resolve("run/redis-runtime.conf");
    }

    Path stateConf(int i) {
        return podDir(i).resolve("state/sentinel.conf");
    }

    void startSidecar(int i) throws IOException {
        Files.createDirectories(podDir(i).resolve("run"));
        Map<String, String> env = new HashMap<>();
        env.put("POD_NAME", "g-" + i);
        env.put("POD_NAMESPACE", NS);
        env.put("RFG_GROUP", "g");
        env.put("RFG_SETTINGS", root.resolve("sentinel.properties").toString());
        env.put("RFG_PASSWORD_FILE", root.resolve("password").toString());
        env.put("RFG_STATE_DIR", podDir(i).resolve("state").toString());
        env.put("RFG_RUNTIME_CONF", runtimeConf(i).toString());
        env.put("RFG_ANNOUNCE_HOST", "$(POD_NAME).g-headless." + NS + ".svc.cluster.local");
        env.put("RFG_HTTP_PORT", Integer.toString(httpPort));
        env.put("RFG_REDIS_HOST", ip(i));
        env.put("RFG_BIND", ip(i));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Djdk.net.hosts.file=" + root.resolve("hosts"), "-Dio.netty.noUnsafe=true",
                "-cp", System.getProperty("java.class.path"), "dev.rfg.sentinel.SentinelMain", "--kubernetes");
        pb.environment().remove("KUBERNETES_SERVICE_HOST");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                root.resolve("sidecar-" + i + ".log").toFile()));
        Process p = Procs.start(pb);
        procs.add(p);
        sidecars[i] = p;
    }

    void startRedis(int i) throws IOException {
        Path data = Files.createDirectories(podDir(i).resolve("data"));
        String runtime = Files.readString(runtimeConf(i));
        for (int j = 0; j < 3; j++) {
            runtime = runtime.replace(host(j), ip(j));
        }
        Path include = podDir(i).resolve("redis-runtime-resolved.conf");
        Files.writeString(include, runtime);
        Path conf = podDir(i).resolve("redis.conf");
        // No diskless-sync delay (default 5 s): the replicas must be ready before the sentinels' +fix-slave-config
        // (failover-timeout after their first INFO) points them at a name this test's Redis cannot resolve.
        Files.writeString(conf, "port " + redisPort + "\nbind " + ip(i) + "\nprotected-mode no\ndir " + data
                + "\nsave \"\"\nappendonly no\nreplica-serve-stale-data yes\nrepl-diskless-sync-delay 0\ninclude "
                + include + "\n");
        ProcessBuilder pb = new ProcessBuilder("redis-server", conf.toString(), "--replica-announce-ip", host(i))
                .redirectErrorStream(true).redirectOutput(podDir(i).resolve("redis.log").toFile());
        Process p = Procs.start(pb);
        procs.add(p);
        redis[i] = p;
    }

    HttpResponse<String> get(int pod, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + ip(pod) + ":" + httpPort + path))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Failed(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    /** A response for "could not connect". */
    record Failed(String body) implements HttpResponse<String> {
        public int statusCode() { return 0; }
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return null; }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
