package dev.rfg.sentinel.k8s;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    static final String ADMIN_PASSWORD = "adm1n \"pass";
    final List<Process> procs = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Path root;
    int redisPort;
    int sentinelPort;
    int httpPort;
    Process[] sidecars = new Process[3];
    Process[] redis = new Process[3];
    /** The API server's environment for the sidecars (none: KUBERNETES_SERVICE_HOST unset, file settings only). */
    Map<String, String> apiEnv = Map.of();
    FakeApi fakeApi;

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
        if (fakeApi != null) {
            fakeApi.close();
        }
    }

    static String props(int replicas, long downAfterMs, int redisPort, int sentinelPort) {
        return """
                master-name=g
                group-uid=uid-42
                replicas=%d
                quorum=%d
                down-after-milliseconds=%d
                failover-timeout=6000
                parallel-syncs=1
                bootstrap-master=g-0
                headless-service=g-headless
                cluster-domain=cluster.local
                redis-port=%d
                sentinel-port=%d
                """.formatted(replicas, replicas / 2 + 1, downAfterMs, redisPort, sentinelPort);
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
        // Beside the sentinel's own, the local Redis's metrics under redis_exporter's names (issue #16).
        assertThat(metrics).contains("\nredis_up 1\n", "redis_instance_info{role=\"slave\"",
                "redis_master_link_up{master_host=\"" + ip(0) + "\"");
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
        // Until it monitors the master, its sentinel takes no clients (a client told "no master" would stay put).
        assertThatThrownBy(() -> RespClient.connect(ip(0), sentinelPort, PASSWORD, 1000).close())
                .as("pod 0's sentinel port while it waits").isInstanceOf(IOException.class);
        Waits.until("pod 0 decided after the failover", 40, () -> get(0, "/startup").statusCode() == 200);
        String conf = Files.readString(runtimeConf(0));
        assertThat(conf).containsAnyOf("replicaof " + host(1), "replicaof " + host(2));
        String newMaster = conf.contains("replicaof " + host(1)) ? host(1) : host(2);
        try (RespClient c = RespClient.connect(ip(0), sentinelPort, PASSWORD, 2000)) {
            assertThat(c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "g"))
                    .as("pod 0's sentinel, open once decided").isEqualTo(List.of(newMaster, Integer.toString(redisPort)));
        }
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
     * The sidecars follow the group's settings through the API server (the ConfigMap GET every 2 s), not at the
     * kubelet's sync of the mounted file: a scale from 3 to 5 and a new down-after take effect within seconds while
     * the file still says 3 (and never wins over what the API server said), a scale-down to 2 too; with the API
     * server gone, a file the kubelet rewrites is followed. No Redis runs: the sentinels monitor pod 0 from the role
     * decision on, which is all the voters, the known replicas and the timers need.
     */
    @Test
    void settingsFollowTheConfigMapThroughTheApiServerWithinSeconds(
            @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        root = dir;
        redisPort = Procs.freePort();
        sentinelPort = Procs.freePort();
        httpPort = Procs.freePort();
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            hosts.append(ip(i)).append(' ').append(host(i)).append('\n');
        }
        Files.writeString(root.resolve("hosts"), hosts);
        Path file = root.resolve("sentinel.properties");
        Files.writeString(file, props(3, 60_000, redisPort, sentinelPort));
        Files.writeString(root.resolve("password"), PASSWORD + "\n");
        fakeApi = FakeApi.start(root.resolve("api"), props(3, 60_000, redisPort, sentinelPort));
        apiEnv = fakeApi.env();
        for (int i = 0; i < 3; i++) {
            startSidecar(i);
        }
        for (int i = 0; i < 3; i++) {
            int n = i;
            Waits.until("pod " + n + " decided", 30, () -> get(n, "/startup").statusCode() == 200);
        }
        assertSettingsEverywhere(3, 2, 60_000, 10);
        // A cold JVM's first TLS connection may time out (then the file is followed until the next round works).
        for (int i = 0; i < 3; i++) {
            Path log = root.resolve("sidecar-" + i + ".log");
            Waits.until("pod " + i + " reads the ConfigMap through the API server", 20, () ->
                    Files.readString(log).contains("following the settings of ConfigMap g-config through the API"));
        }
        assertThat(fakeApi.configMapGets.get()).isPositive();

        // kubectl scale --replicas 5 (and a shorter down-after): the API server has it; the kubelet is late.
        fakeApi.content = props(5, 20_000, redisPort, sentinelPort);
        long t0 = System.nanoTime();
        assertSettingsEverywhere(5, 4, 20_000, 8);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("scale 3 -> 5 applied by every sidecar in " + tookMs + " ms");
        // The stale file (replicas=3) never wins while the API server answers.
        Thread.sleep(4500);
        assertSettingsEverywhere(5, 4, 20_000, 1);

        // Scale down to 2: pods 2-4 are no longer members (pod 2's sentinel, still running, counts 2 voters too).
        fakeApi.content = props(2, 20_000, redisPort, sentinelPort);
        assertSettingsEverywhere(2, 1, 20_000, 8);

        // The API server is gone: the sidecars follow the mounted file again, once the kubelet rewrites it.
        fakeApi.down = true;
        Files.writeString(file, props(3, 15_000, redisPort, sentinelPort));
        assertSettingsEverywhere(3, 2, 15_000, 8);

        assertThat(fakeApi.unauthorized.get()).as("every request carried the ServiceAccount token").isZero();
        for (int i = 0; i < 3; i++) {
            String log = Files.readString(root.resolve("sidecar-" + i + ".log"));
            assertThat(log).contains("Settings changed (from ConfigMap g-config)")
                    .contains("Settings changed (from " + file + ")")
                    .contains("cannot read the settings from ConfigMap g-config through the API server")
                    // The content itself is never logged.
                    .doesNotContain("group-uid=").doesNotContain("down-after-milliseconds=");
        }
    }

    /** Every pod's sentinel: voters, known replicas of the master and its down-after, within {@code seconds}. */
    void assertSettingsEverywhere(int voters, int replicas, long downAfterMs, int seconds) {
        for (int i = 0; i < 3; i++) {
            int n = i;
            Waits.until("pod " + n + " counts " + voters + " voters, " + replicas + " replicas, down-after "
                    + downAfterMs, seconds, () -> {
                String m = get(n, "/metrics").body();
                if (!m.contains("rfg_sentinel_voters{master=\"g\"} " + voters + "\n")
                        || !m.contains("rfg_sentinel_known_replicas{master=\"g\"} " + replicas + "\n")) {
                    return false;
                }
                try (RespClient c = RespClient.connect(ip(n), sentinelPort, PASSWORD, 2000)) {
                    return Long.toString(downAfterMs).equals(RespClient.recordField(
                            c.call("SENTINEL", "MASTER", "g"), "down-after-milliseconds"));
                }
            });
        }
    }

    /**
     * The API server as far as the sidecars use it: HTTPS with a self-signed certificate (its ca.crt and a token in
     * a ServiceAccount directory, RFG_SERVICEACCOUNT_DIR), GET of ConfigMap g-config; pods and events are 404.
     */
    static final class FakeApi implements AutoCloseable {
        static final String TOKEN = "t0k3n";
        final HttpsServer server;
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        final Path saDir;
        final AtomicInteger configMapGets = new AtomicInteger();
        final AtomicInteger unauthorized = new AtomicInteger();
        volatile String content;
        volatile boolean down;

        private FakeApi(HttpsServer server, Path saDir, String content) {
            this.server = server;
            this.saDir = saDir;
            this.content = content;
        }

        static FakeApi start(Path saDir, String content) throws Exception {
            Files.createDirectories(saDir);
            Path ks = saDir.resolve("api.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(keytool, "-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit", "-noprompt");
            run(keytool, "-exportcert", "-rfc", "-alias", "api", "-keystore", ks.toString(), "-storepass",
                    "changeit", "-file", saDir.resolve("ca.crt").toString());
            Files.writeString(saDir.resolve("token"), TOKEN + "\n");
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                store.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, "changeit".toCharArray());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(ssl));
            FakeApi api = new FakeApi(server, saDir, content);
            server.setExecutor(api.pool);
            server.createContext("/", ex -> {
                int code;
                String body;
                String path = ex.getRequestURI().getPath();
                if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    api.unauthorized.incrementAndGet();
                    code = 401;
                    body = "{\"kind\":\"Status\",\"code\":401}";
                } else if (path.equals("/api/v1/namespaces/" + NS + "/configmaps/g-config")
                        && ex.getRequestMethod().equals("GET")) {
                    api.configMapGets.incrementAndGet();
                    if (api.down) {
                        code = 503;
                        body = "{\"kind\":\"Status\",\"code\":503}";
                    } else {
                        code = 200;
                        body = "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"g-config\","
                                + "\"namespace\":\"" + NS + "\"},\"data\":{\"redis.conf\":\"appendonly no\\n\","
                                + "\"sentinel.properties\":" + MiniJson.quote(api.content) + "}}";
                    }
                } else {
                    code = 404;
                    body = "{\"kind\":\"Status\",\"code\":404,\"reason\":\"NotFound\"}";
                }
                byte[] b = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(code, b.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            });
            server.start();
            return api;
        }

        Map<String, String> env() {
            return Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT",
                    Integer.toString(server.getAddress().getPort()), "RFG_SERVICEACCOUNT_DIR", saDir.toString());
        }

        private static void run(String... cmd) throws Exception {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            pool.shutdownNow();
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
        Files.writeString(root.resolve("sentinel.properties"), props(3, 3000, redisPort, sentinelPort));
        Files.writeString(root.resolve("password"), PASSWORD + "\n");
        Files.writeString(root.resolve("admin-password"), ADMIN_PASSWORD);
        for (int i = 0; i < 3; i++) {
            Files.writeString(root.resolve("password-" + i), PASSWORD + "\n");
        }

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

    /**
     * Issue #13 item 3: the group's password finds the master and follows it, but cannot change or stop failover on
     * any sentinel; the admin user can. The peers keep voting with the group's password (the failover of
     * podsComeUpSafely... runs with the same users).
     */
    @Test
    void theGroupsPasswordDiscoversButCannotAdministerTheSentinels(
            @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        startGroup(dir);
        for (int i = 0; i < 3; i++) {
            try (RespClient data = RespClient.connect(ip(i), sentinelPort, PASSWORD, 2000)) {
                assertThat(data.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "g")).asString().contains(host(0));
                assertThat(data.call("SUBSCRIBE", "+switch-master")).asString().contains("subscribe");
            }
            try (RespClient data = RespClient.connect(ip(i), sentinelPort, PASSWORD, 2000)) {
                for (String[] admin : List.of(new String[] {"SENTINEL", "SET", "g", "quorum", "1"},
                        new String[] {"SENTINEL", "REMOVE", "g"},
                        new String[] {"SENTINEL", "MONITOR", "x", "127.0.0.1", "6379", "1"},
                        new String[] {"SENTINEL", "FAILOVER", "g"},
                        new String[] {"SENTINEL", "SWITCHOVER", "g", host(1), Integer.toString(redisPort)},
                        new String[] {"SENTINEL", "RESET", "*"},
                        new String[] {"SENTINEL", "CONFIG", "SET", "resolve-hostnames", "no"},
                        new String[] {"SENTINEL", "DEBUG", "ping-period", "1"},
                        new String[] {"SENTINEL", "SIMULATE-FAILURE", "crash-after-election"},
                        new String[] {"ACL", "SETUSER", "default", "+@all"},
                        new String[] {"SHUTDOWN"})) {
                    assertThat(data.call(admin)).as(String.join(" ", admin)).isInstanceOf(RespClient.Err.class)
                            .asString().contains("NOPERM");
                }
                assertThat(data.call("ACL", "WHOAMI")).isEqualTo("default");
            }
            try (RespClient admin = RespClient.connect(ip(i), sentinelPort, SentinelUsers.ADMIN, ADMIN_PASSWORD,
                    2000)) {
                assertThat(admin.call("SENTINEL", "SET", "g", "quorum", "2")).isEqualTo("OK");
                assertThat(admin.call("SENTINEL", "SIMULATE-FAILURE", "HELP")).isNotInstanceOf(RespClient.Err.class);
            }
        }
        assertThat(Files.readString(stateConf(0))).as("no user line (and so no password) in the state file")
                .doesNotContain("user ", ADMIN_PASSWORD);
    }

    /**
     * Issue #13 item 3: the applications' ACL users (spec.auth.users, as sentinel.properties lines and one password
     * file each) reach every Redis with their rules and every sentinel with discovery rights; a rule change, a
     * password change (the old one kept for the grace period) and a removal follow within rounds, a rule Redis
     * refuses changes nothing, and a user Redis lost comes back.
     */
    @Test
    void applicationUsersFollowTheSpecOnEveryRedisAndSentinel(
            @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        startGroup(dir);
        Path props = root.resolve("sentinel.properties");
        String base = Files.readString(props) + "previous-password-grace-seconds=1\n";
        Files.createDirectories(root.resolve("users"));
        Files.writeString(root.resolve("users/app"), "app-pw-1\n");
        Files.writeString(props, base + "acl-user.app=~app:* +@read +@write -@dangerous\n");
        for (int i = 0; i < 3; i++) {
            int n = i;
            Waits.until("user app on pod " + n, 20, () -> logsIn(ip(n), redisPort, "app", "app-pw-1")
                    && logsIn(ip(n), sentinelPort, "app", "app-pw-1"));
        }
        try (RespClient app = RespClient.connect(ip(0), redisPort, "app", "app-pw-1", 2000)) {
            assertThat(app.call("SET", "app:k", "v")).isEqualTo("OK");
            assertThat(app.call("SET", "other", "v")).asString().contains("NOPERM");
            assertThat(app.call("FLUSHALL")).asString().contains("NOPERM");
        }
        try (RespClient app = RespClient.connect(ip(1), sentinelPort, "app", "app-pw-1", 2000)) {
            assertThat(app.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "g")).asString().contains(host(0));
            assertThat(app.call("SENTINEL", "SET", "g", "quorum", "1")).asString().contains("NOPERM");
            assertThat(app.call("SENTINEL", "RESET", "*")).asString().contains("NOPERM");
        }

        Files.writeString(props, base + "acl-user.app=~app:* +@read\n");
        Waits.until("the read-only rules on the master", 20, () -> replyOf(ip(0), "app", "app-pw-1", "SET", "app:k",
                "w").contains("NOPERM"));
        assertThat(replyOf(ip(0), "app", "app-pw-1", "GET", "app:k")).isIn("v", "w");

        Files.writeString(props, base + "acl-user.app=~app:* +@read +nosuchcommand\n");
        Waits.until("the refusal logged", 20, () -> Files.readString(root.resolve("sidecar-0.log"))
                .contains("refused ACL user app"));
        assertThat(replyOf(ip(0), "app", "app-pw-1", "GET", "app:k")).as("the user as it was").isIn("v", "w");
        assertThat(replyOf(ip(0), "app", "app-pw-1", "SET", "app:k", "x")).contains("NOPERM");
        Files.writeString(props, base + "acl-user.app=~app:* +@read\n");

        try (RespClient admin = RespClient.connect(ip(1), redisPort, PASSWORD, 2000)) {
            assertThat(admin.call("ACL", "DELUSER", "app")).isEqualTo(1L);
        }
        Waits.until("the user back on pod 1", 20, () -> logsIn(ip(1), redisPort, "app", "app-pw-1"));

        Files.writeString(root.resolve("users/app"), "app-pw-2");
        Waits.until("the new password everywhere", 20, () -> logsIn(ip(2), redisPort, "app", "app-pw-2")
                && logsIn(ip(2), sentinelPort, "app", "app-pw-2"));
        Waits.until("the old password refused after the grace", 20, () -> !logsIn(ip(2), redisPort, "app", "app-pw-1")
                && !logsIn(ip(2), sentinelPort, "app", "app-pw-1"));

        RespClient open = RespClient.connect(ip(0), sentinelPort, "app", "app-pw-2", 2000);
        Files.writeString(props, base);
        for (int i = 0; i < 3; i++) {
            int n = i;
            Waits.until("user app gone from pod " + n, 20, () -> !logsIn(ip(n), redisPort, "app", "app-pw-2")
                    && !logsIn(ip(n), sentinelPort, "app", "app-pw-2"));
        }
        try (open) {
            assertThatThrownBy(() -> open.call("PING")).as("a removed user's sentinel connection is closed")
                    .isInstanceOf(IOException.class);
        }
        assertThat(logsIn(ip(0), redisPort, null, PASSWORD)).as("the group's password untouched").isTrue();
    }

    static boolean logsIn(String host, int port, String user, String password) {
        try (RespClient c = RespClient.connect(host, port, user, password, 2000)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String replyOf(String host, String user, String password, String... command) throws IOException {
        try (RespClient c = RespClient.connect(host, redisPort, user, password, 2000)) {
            return String.valueOf(c.call(command));
        }
    }

    /**
     * A new password in the Secret reaches a running group with no restart and no failover: the kubelets rewrite the
     * pods' password files one after the other (pod 0 first, the others 15 s later); every Redis and sentinel
     * accepts old and new until every member accepts the new one, then the old one is refused. A client connected
     * before the change keeps its connection, the replication links stay up without a full sync, and a sidecar
     * restarted in the middle picks the rotation up from the runtime include.
     */
    @Test
    void aNewPasswordReachesTheRunningGroupWithNoRestartAndNoFailover(
            @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        startGroup(dir);
        String fresh = "n3w pa\\ss";
        // The shortest grace (10 s, PasswordRotation.MIN_SWITCHED_MS): the test waits for the end.
        Path props = root.resolve("sentinel.properties");
        Files.writeString(props, Files.readString(props) + "previous-password-grace-seconds=1\n");
        long fullSyncs = Long.parseLong(RespClient.infoField(redisInfo(0, PASSWORD), "sync_full"));
        try (RespClient before = RespClient.connect(ip(0), redisPort, PASSWORD, 2000)) {
            Files.writeString(root.resolve("password-0"), fresh + "\n");
            Waits.until("pod 0 accepts both passwords", 30, () -> accepts(0, redisPort, fresh)
                    && accepts(0, sentinelPort, fresh) && accepts(0, redisPort, PASSWORD));
            assertThat(Files.readString(runtimeConf(0))).contains("user default on resetpass")
                    .contains("masterauth \"" + PASSWORD.replace("\"", "\\\"") + "\"");
            // Pods 1 and 2 do not know the new password yet: pod 0 keeps logging in with the old one.
            Waits.until("pod 0 waits for the others", 20, () -> Files.readString(root.resolve("sidecar-0.log"))
                    .contains("waiting for g-1 (redis), g-2 (redis)"));
            assertThat(accepts(1, redisPort, fresh)).isFalse();
            // A sidecar restarted now reads the rotation back from the runtime include.
            Procs.kill9(sidecars[0]);
            startSidecar(0);
            Waits.until("pod 0's sidecar back", 30, () -> get(0, "/readyz/redis").statusCode() == 200);
            assertThat(accepts(0, sentinelPort, fresh)).as("the restarted sentinel accepts the new password").isTrue();
            assertThat(accepts(0, sentinelPort, PASSWORD)).as("and the old one").isTrue();

            Files.writeString(root.resolve("password-1"), fresh + "\n");
            Files.writeString(root.resolve("password-2"), fresh + "\n");
            for (int i = 0; i < 3; i++) {
                int n = i;
                Waits.until("pod " + n + " refuses the old password", 60, () -> !accepts(n, redisPort, PASSWORD)
                        && !accepts(n, sentinelPort, PASSWORD));
                assertThat(accepts(n, redisPort, fresh)).isTrue();
                assertThat(accepts(n, sentinelPort, fresh)).isTrue();
                assertThat(Files.readString(runtimeConf(n))).contains("requirepass \"n3w pa\\\\ss\"")
                        .doesNotContain("s3cr");
            }
            assertThat(before.call("SET", "k", "v")).as("a connection made before keeps working").isEqualTo("OK");
        }
        for (int i = 1; i < 3; i++) {
            assertThat(RespClient.infoField(redisInfo(i, fresh), "master_link_status")).isEqualTo("up");
        }
        assertThat(Long.parseLong(RespClient.infoField(redisInfo(0, fresh), "sync_full"))).as("no new full sync")
                .isEqualTo(fullSyncs);
        for (int i = 0; i < 3; i++) {
            assertThat(get(i, "/readyz/redis").statusCode()).isEqualTo(200);
            assertThat(get(i, "/metrics").body()).contains("rfg_sentinel_failovers_total{master=\"g\"} 0");
            String log = Files.readString(root.resolve("sidecar-" + i + ".log"));
            assertThat(log).contains("ACCEPTING -> SWITCHED").contains("SWITCHED -> STEADY").doesNotContain("n3w");
        }
        assertThat(redis[0].isAlive() && redis[1].isAlive() && redis[2].isAlive()).as("no Redis restarted").isTrue();
    }

    boolean accepts(int pod, int port, String password) {
        try (RespClient c = RespClient.connect(ip(pod), port, password, 2000)) {
            return "PONG".equals(c.call("PING"));
        } catch (IOException e) {
            return false;
        }
    }

    Object redisInfo(int pod, String password) throws IOException {
        try (RespClient c = RespClient.connect(ip(pod), redisPort, password, 2000)) {
            return c.call("INFO");
        }
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

    /** Each pod's own copy of the Secret, as each kubelet writes it (a rotation reaches the pods one by one). */
    Path passwordFile(int i) {
        Path own = root.resolve("password-" + i);
        return Files.exists(own) ? own : root.resolve("password");
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
        env.put("RFG_PASSWORD_FILE", passwordFile(i).toString());
        env.put("RFG_ADMIN_PASSWORD_FILE", root.resolve("admin-password").toString());
        env.put("RFG_USERS_DIR", root.resolve("users").toString());
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
        pb.environment().putAll(apiEnv);
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
