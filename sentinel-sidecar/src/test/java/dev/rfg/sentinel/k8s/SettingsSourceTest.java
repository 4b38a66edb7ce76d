package dev.rfg.sentinel.k8s;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The settings source of a running sidecar: the ConfigMap through the API server, the mounted file at start and
 * while the API does not answer. Each change is returned once; what is unchanged is never returned again.
 */
class SettingsSourceTest {
    static String props(int replicas, long downAfter) {
        return """
                # Rendered by the RFG operator for the sentinel sidecars.
                master-name=g
                group-uid=uid-1
                replicas=%d
                quorum=%d
                down-after-milliseconds=%d
                failover-timeout=60000
                parallel-syncs=1
                bootstrap-master=g-0
                headless-service=g-headless
                cluster-domain=cluster.local
                redis-port=6379
                sentinel-port=26379
                """.formatted(replicas, replicas / 2 + 1, downAfter);
    }

    /** The API server as the source sees it: a content, or an error. */
    static final class FakeRemote implements SettingsSource.Remote {
        volatile String text;
        volatile IOException error;
        int reads;

        @Override
        public String read() throws IOException {
            reads++;
            if (error != null) {
                throw error;
            }
            return text;
        }
    }

    @Test
    void aChangedConfigMapIsReturnedOnceAndAStaleFileNeverWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sentinel.properties");
        Files.writeString(file, props(5, 5000));
        KubeSettings current = KubeSettings.read(file); // what the sidecar started with
        FakeRemote api = new FakeRemote();
        api.text = props(5, 5000);
        SettingsSource src = new SettingsSource(file, api, "ConfigMap g-config");

        assertThat(src.poll(current)).as("same content as at start").isNull();
        assertThat(src.poll(current)).isNull();

        // kubectl scale --replicas 3: the API server has it at once, the mounted file a minute later.
        api.text = props(3, 5000);
        SettingsSource.Change c = src.poll(current);
        assertThat(c).isNotNull();
        assertThat(c.from()).isEqualTo("ConfigMap g-config");
        assertThat(c.settings().replicas()).isEqualTo(3);
        assertThat(c.settings().quorum()).isEqualTo(2);
        current = c.settings();
        assertThat(src.poll(current)).as("unchanged: not applied again").isNull();
        assertThat(src.poll(current)).isNull();

        // Only a comment changes: the same settings, nothing to apply.
        api.text = "# edited\n" + props(3, 5000);
        assertThat(src.poll(current)).isNull();

        // A changed down-after.
        api.text = props(3, 2000);
        c = src.poll(current);
        assertThat(c.settings().downAfterMs()).isEqualTo(2000);
        current = c.settings();
        assertThat(src.poll(current)).isNull();

        // The kubelet syncs the file to an intermediate content while the API answers: tracked, not applied.
        Files.writeString(file, props(3, 5000));
        assertThat(src.poll(current)).isNull();
        assertThat(api.reads).isEqualTo(9);
    }

    @Test
    void withoutTheApiTheFileIsKeptAndOnlyItsNewContentApplies(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sentinel.properties");
        Files.writeString(file, props(5, 5000));
        KubeSettings current = KubeSettings.read(file);
        FakeRemote api = new FakeRemote();
        api.text = props(3, 5000);
        SettingsSource src = new SettingsSource(file, api, "ConfigMap g-config");
        current = src.poll(current).settings();
        assertThat(current.replicas()).isEqualTo(3);

        // The API server becomes unreachable (or the Role lacks the rule: 403). The file still says 5 (the kubelet
        // has not synced yet): what the API said last stays, the older file does not come back.
        api.error = new IOException("get configmap g-config: HTTP 403 forbidden");
        assertThat(src.poll(current)).isNull();
        assertThat(src.remoteFailing()).isTrue();
        assertThat(src.poll(current)).isNull();

        // The kubelet writes what the API server holds now: the file is the source while the API is away.
        Files.writeString(file, props(4, 5000));
        SettingsSource.Change c = src.poll(current);
        assertThat(c.from()).isEqualTo(file.toString());
        assertThat(c.settings().replicas()).isEqualTo(4);
        current = c.settings();
        assertThat(src.poll(current)).as("unchanged file: not applied again").isNull();

        // A file the sidecar cannot read keeps the settings.
        Files.delete(file);
        assertThat(src.poll(current)).isNull();
        Files.writeString(file, props(4, 5000));
        assertThat(src.poll(current)).as("back with the same content").isNull();

        // The API answers again: its content is the truth, also when it did not change while it was away.
        api.error = null;
        c = src.poll(current);
        assertThat(src.remoteFailing()).isFalse();
        assertThat(c.from()).isEqualTo("ConfigMap g-config");
        assertThat(c.settings().replicas()).isEqualTo(3);
        current = c.settings();
        assertThat(src.poll(current)).isNull();
    }

    @Test
    void unreadableContentFromTheApiIsIgnoredAndNothingChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sentinel.properties");
        Files.writeString(file, props(3, 5000));
        KubeSettings current = KubeSettings.read(file);
        FakeRemote api = new FakeRemote();
        api.text = "master-name=g\nreplicas=x\n";
        SettingsSource src = new SettingsSource(file, api, "ConfigMap g-config");
        assertThat(src.poll(current)).isNull();
        assertThat(src.poll(current)).isNull();
        api.text = props(5, 5000);
        assertThat(src.poll(current).settings().replicas()).isEqualTo(5);
    }

    @Test
    void withoutApiAccessTheFileIsTheSource(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sentinel.properties");
        Files.writeString(file, props(3, 5000));
        KubeSettings current = KubeSettings.read(file);
        SettingsSource src = new SettingsSource(file, null, "ConfigMap g-config");
        assertThat(src.poll(current)).isNull();
        Files.writeString(file, props(5, 5000));
        SettingsSource.Change c = src.poll(current);
        assertThat(c.settings().replicas()).isEqualTo(5);
        assertThat(src.poll(c.settings())).isNull();
        assertThat(src.remoteFailing()).isFalse();
    }

    /** KubeApi.configMapData over HTTP: the group's ConfigMap, the sentinel.properties key, the token. */
    @Test
    void theApiClientReadsTheGroupsConfigMap(@TempDir Path dir) throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        String content = props(3, 5000);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " "
                    + ex.getRequestHeaders().getFirst("Authorization"));
            String path = ex.getRequestURI().getPath();
            int code;
            String body;
            if (path.equals("/api/v1/namespaces/ns/configmaps/g-config")) {
                code = 200;
                body = "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"g-config\"},"
                        + "\"data\":{\"redis.conf\":\"maxmemory 1gb\\n\",\"sentinel.properties\":"
                        + MiniJson.quote(content) + "}}";
            } else if (path.equals("/api/v1/namespaces/ns/configmaps/h-config")) {
                code = 200;
                body = "{\"kind\":\"ConfigMap\",\"data\":{\"redis.conf\":\"x\"}}";
            } else if (path.equals("/api/v1/namespaces/ns/configmaps/bad-config")) {
                code = 200;
                body = "<html>group-uid=uid-1</html>";
            } else {
                code = 404;
                body = "{\"kind\":\"Status\",\"code\":404,\"reason\":\"NotFound\"}";
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            KubeApi api = new KubeApi(base, () -> "t0k3n", null, "ns", "g");
            assertThat(api.configMapData("g-config", "sentinel.properties")).isEqualTo(content);
            assertThat(requests).containsExactly("GET /api/v1/namespaces/ns/configmaps/g-config Bearer t0k3n");
            assertThatThrownBy(() -> api.configMapData("h-config", "sentinel.properties"))
                    .hasMessage("configmap h-config has no sentinel.properties");
            assertThatThrownBy(() -> api.configMapData("x-config", "sentinel.properties"))
                    .hasMessageContaining("HTTP 404");
            assertThatThrownBy(() -> api.configMapData("bad-config", "sentinel.properties"))
                    .hasMessageStartingWith("get configmap bad-config: unreadable reply")
                    .hasMessageNotContaining("group-uid");

            // The source built for the group: ConfigMap <group>-config, key sentinel.properties.
            Path file = dir.resolve("sentinel.properties");
            Files.writeString(file, props(5, 5000));
            KubeEnv env = KubeEnv.from(Map.of("POD_NAME", "g-1", "POD_NAMESPACE", "ns", "RFG_GROUP", "g",
                    "RFG_ANNOUNCE_HOST", "$(POD_NAME).g-headless.ns.svc.cluster.local",
                    "RFG_SETTINGS", file.toString()));
            SettingsSource src = SettingsSource.of(env, api);
            SettingsSource.Change c = src.poll(KubeSettings.read(file));
            assertThat(c.from()).isEqualTo("ConfigMap g-config");
            assertThat(c.settings()).isEqualTo(KubeSettings.parse(content));
            assertThat(c.settings().replicas()).isEqualTo(3);
        } finally {
            server.stop(0);
        }
    }
}
