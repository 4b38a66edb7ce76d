package dev.rfg.sentinel.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code sentinel.properties} as the operator renders it (docs/sidecar-contract.md): what every sidecar of a
 * group needs to know. Read from the mounted ConfigMap at start, then followed through the API server
 * ({@link SettingsSource}).
 */
public record KubeSettings(String masterName, String groupUid, int replicas, int voters, int quorum,
        long downAfterMs, long failoverTimeoutMs, int parallelSyncs, String bootstrapMaster, String headlessService,
        String clusterDomain, int redisPort, int sentinelPort, long previousPasswordGraceMs,
        Map<String, String> aclUsers) {

    /** Lines {@code acl-user.<name>=<rules>}: the applications' ACL users (spec.auth.users), in the file's order. */
    static final String ACL_USER_PREFIX = "acl-user.";

    public KubeSettings {
        aclUsers = Collections.unmodifiableMap(new TreeMap<>(aclUsers));
    }

    /** How long the old password keeps working once every member accepts a new one, unless the operator says. */
    static final long DEFAULT_PREVIOUS_PASSWORD_GRACE_SECONDS = 300;

    public static KubeSettings read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return of(p);
    }

    /** The same from the text of the file (the ConfigMap's {@code sentinel.properties} as the API returns it). */
    public static KubeSettings parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalArgumentException("sentinel.properties: " + e.getMessage(), e);
        }
        return of(p);
    }

    public static KubeSettings of(Properties p) {
        String name = required(p, "master-name");
        int replicas = integer(p, "replicas", 1);
        if (replicas < 1) {
            throw new IllegalArgumentException("sentinel.properties: replicas must be >= 1, not " + replicas);
        }
        // voters: the sentinels an election is counted against. It lags replicas while the group is resized (new
        // pods count once Ready, removed ones until gone); an operator from before it existed did not write it.
        int voters = integer(p, "voters", replicas);
        if (voters < 1) {
            throw new IllegalArgumentException("sentinel.properties: voters must be >= 1, not " + voters);
        }
        return new KubeSettings(name, required(p, "group-uid"), replicas, voters,
                integer(p, "quorum", voters / 2 + 1),
                longer(p, "down-after-milliseconds", 5000), longer(p, "failover-timeout", 60000),
                integer(p, "parallel-syncs", 1), p.getProperty("bootstrap-master", "").trim(),
                required(p, "headless-service"), p.getProperty("cluster-domain", "cluster.local").trim(),
                integer(p, "redis-port", 6379), integer(p, "sentinel-port", 26379),
                1000 * longer(p, "previous-password-grace-seconds", DEFAULT_PREVIOUS_PASSWORD_GRACE_SECONDS),
                aclUsers(p));
    }

    private static Map<String, String> aclUsers(Properties p) {
        Map<String, String> users = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(ACL_USER_PREFIX) && key.length() > ACL_USER_PREFIX.length()) {
                users.put(key.substring(ACL_USER_PREFIX.length()), p.getProperty(key).trim());
            }
        }
        return users;
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("sentinel.properties: " + key + " is missing");
        }
        return v.trim();
    }

    private static int integer(Properties p, String key, int dflt) {
        return (int) longer(p, key, dflt);
    }

    private static long longer(Properties p, String key, long dflt) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sentinel.properties: " + key + " is not a number: " + v.trim());
        }
    }
}
