package dev.rfg.sentinel.k8s;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sidecar's API client: the JDK's HttpClient, a bearer token and a few JSON bodies. Only what the Role
 * the operator creates allows: pods get/list/patch, events create and get of the group's own ConfigMap, in the
 * pod's namespace.
 */
public final class KubeApi implements PodStore {
    public static final Path SA_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private final URI base;
    private final Supplier<String> token;
    private final String namespace;
    private final String group;
    private final HttpClient http;

    public KubeApi(URI base, Supplier<String> token, SSLContext ssl, String namespace, String group) {
        this.base = base;
        this.token = token;
        this.namespace = namespace;
        this.group = group;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    /**
     * In-cluster: KUBERNETES_SERVICE_HOST/PORT, the mounted token (re-read, it rotates) and CA. The directory of
     * token and CA is {@link #SA_DIR} unless {@code RFG_SERVICEACCOUNT_DIR} names another (a test knob).
     */
    public static KubeApi inCluster(String namespace, String group) throws IOException {
        String host = System.getenv("KUBERNETES_SERVICE_HOST");
        String port = System.getenv().getOrDefault("KUBERNETES_SERVICE_PORT", "443");
        if (host == null) {
            throw new IOException("KUBERNETES_SERVICE_HOST is not set: not running in a cluster");
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        String saDir = System.getenv("RFG_SERVICEACCOUNT_DIR");
        Path sa = saDir == null || saDir.isBlank() ? SA_DIR : Path.of(saDir.trim());
        Path tokenFile = sa.resolve("token");
        Supplier<String> token = () -> {
            try {
                return Files.readString(tokenFile).trim();
            } catch (IOException e) {
                return null;
            }
        };
        return new KubeApi(URI.create("https://" + host + ":" + port), token,
                sslTrusting(Files.readAllBytes(sa.resolve("ca.crt"))), namespace, group);
    }

    /** An SSL context that trusts the given PEM certificate(s). */
    public static SSLContext sslTrusting(byte[] pem) throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(pem)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("bad CA certificate: " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder req(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json");
        String t = token.get();
        if (t != null && !t.isEmpty()) {
            b.header("Authorization", "Bearer " + t);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest r) throws IOException {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String podPath(String pod) {
        return "/api/v1/namespaces/" + namespace + "/pods/" + pod;
    }

    @Override
    public PodMeta get(String pod) throws IOException {
        HttpResponse<String> r = send(req(podPath(pod)).GET().build());
        if (r.statusCode() == 404) {
            return null;
        }
        check(r, "get pod " + pod);
        return meta(MiniJson.parse(r.body()));
    }

    @Override
    public List<PodMeta> listWithRole(String role) throws IOException {
        return list(GROUP_LABEL + "=" + group + "," + ROLE_LABEL + "=" + role);
    }

    @Override
    public List<PodMeta> listGroup() throws IOException {
        return list(GROUP_LABEL + "=" + group);
    }

    private List<PodMeta> list(String labelSelector) throws IOException {
        String selector = URLEncoder.encode(labelSelector, StandardCharsets.UTF_8);
        HttpResponse<String> r = send(req("/api/v1/namespaces/" + namespace + "/pods?labelSelector=" + selector)
                .GET().build());
        check(r, "list pods");
        List<PodMeta> out = new ArrayList<>();
        if (MiniJson.at(MiniJson.parse(r.body()), "items") instanceof List<?> items) {
            for (Object item : items) {
                out.add(meta(item));
            }
        }
        return out;
    }

    @Override
    public boolean setRole(String pod, String resourceVersion, String role, long epoch) throws IOException {
        String body = "{\"metadata\":{\"resourceVersion\":" + MiniJson.quote(resourceVersion)
                + ",\"labels\":{" + MiniJson.quote(ROLE_LABEL) + ":" + MiniJson.quote(role) + "}"
                + ",\"annotations\":{" + MiniJson.quote(EPOCH_ANNOTATION) + ":" + MiniJson.quote(Long.toString(epoch))
                + "}}}";
        HttpResponse<String> r = send(req(podPath(pod)).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() == 409) {
            return false;
        }
        check(r, "patch pod " + pod);
        return true;
    }

    /**
     * {@code data[key]} of a ConfigMap in the pod's namespace (a quorum read: never older than an earlier answer).
     * An IOException when the ConfigMap or the key is missing, or the reply is not a ConfigMap; its message never
     * carries the ConfigMap's content.
     */
    public String configMapData(String name, String key) throws IOException {
        HttpResponse<String> r = send(req("/api/v1/namespaces/" + namespace + "/configmaps/" + name)
                .timeout(Duration.ofSeconds(2)).GET().build());
        check(r, "get configmap " + name);
        Object v;
        try {
            v = MiniJson.at(MiniJson.parse(r.body()), "data", key);
        } catch (RuntimeException e) {
            throw new IOException("get configmap " + name + ": unreadable reply (" + e.getMessage() + ")");
        }
        if (!(v instanceof String text)) {
            throw new IOException("configmap " + name + " has no " + key);
        }
        return text;
    }

    /** A core/v1 Event on the RedisFailoverGroup. */
    public void createEvent(String groupUid, String reason, String message, String reportingPod) throws IOException {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String micro = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"generateName\":"
                + MiniJson.quote(group + ".") + ",\"namespace\":" + MiniJson.quote(namespace) + "},"
                + "\"involvedObject\":{\"apiVersion\":\"rfg.dev/v1alpha1\",\"kind\":\"RedisFailoverGroup\",\"name\":"
                + MiniJson.quote(group) + ",\"namespace\":" + MiniJson.quote(namespace) + ",\"uid\":"
                + MiniJson.quote(groupUid) + "},\"reason\":" + MiniJson.quote(reason) + ",\"message\":"
                + MiniJson.quote(message) + ",\"type\":\"Normal\",\"count\":1,\"firstTimestamp\":"
                + MiniJson.quote(now) + ",\"lastTimestamp\":" + MiniJson.quote(now) + ",\"eventTime\":"
                + MiniJson.quote(micro) + ",\"action\":" + MiniJson.quote(reason)
                + ",\"reportingComponent\":\"rfg.dev/sentinel\",\"reportingInstance\":" + MiniJson.quote(reportingPod)
                + ",\"source\":{\"component\":\"rfg-sentinel\"}}";
        HttpResponse<String> r = send(req("/api/v1/namespaces/" + namespace + "/events")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        check(r, "create event " + reason);
    }

    private static void check(HttpResponse<String> r, String what) throws IOException {
        if (r.statusCode() / 100 != 2) {
            String b = r.body() == null ? "" : r.body();
            throw new RefusedException(r.statusCode(), what + ": HTTP " + r.statusCode() + " "
                    + (b.length() > 300 ? b.substring(0, 300) : b));
        }
    }

    /** The API server answered, with a status that is not 2xx. */
    public static final class RefusedException extends IOException {
        public final int status;

        public RefusedException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** Worth sending again: the server was busy or failing, not refusing the request itself. */
        public boolean transientFailure() {
            return status == 429 || status >= 500;
        }
    }

    static PodMeta meta(Object pod) {
        String name = MiniJson.str(pod, "metadata", "name");
        String rv = MiniJson.str(pod, "metadata", "resourceVersion");
        String role = null;
        if (MiniJson.at(pod, "metadata", "labels") instanceof Map<?, ?> labels) {
            Object v = labels.get(ROLE_LABEL);
            role = v == null ? null : v.toString();
        }
        long epoch = -1;
        if (MiniJson.at(pod, "metadata", "annotations") instanceof Map<?, ?> ann && ann.get(EPOCH_ANNOTATION) != null) {
            try {
                epoch = Long.parseLong(ann.get(EPOCH_ANNOTATION).toString().trim());
            } catch (NumberFormatException e) {
                epoch = -1;
            }
        }
        return new PodMeta(name, rv, role, epoch);
    }
}
