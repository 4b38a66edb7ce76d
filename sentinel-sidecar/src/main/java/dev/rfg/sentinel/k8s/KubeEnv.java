package dev.rfg.sentinel.k8s;

import java.nio.file.Path;
import java.util.Map;

/** The sidecar's environment (docs/sidecar-contract.md, "Sidecar environment"). */
public record KubeEnv(String podName, String namespace, String group, Path settings, Path passwordFile,
        Path adminPasswordFile, Path usersDir, Path stateDir, Path runtimeConf, String announceHost, int httpPort,
        String localRedisHost, String bind) {

    public static KubeEnv from(Map<String, String> env) {
        String pod = need(env, "POD_NAME");
        String announce = need(env, "RFG_ANNOUNCE_HOST").replace("$(POD_NAME)", pod);
        return new KubeEnv(pod, need(env, "POD_NAMESPACE"), need(env, "RFG_GROUP"),
                Path.of(env.getOrDefault("RFG_SETTINGS", "/etc/rfg/sentinel.properties")),
                Path.of(env.getOrDefault("RFG_PASSWORD_FILE", "/etc/rfg-auth/password")),
                Path.of(env.getOrDefault("RFG_ADMIN_PASSWORD_FILE", "/etc/rfg-sentinel-admin/password")),
                Path.of(env.getOrDefault("RFG_USERS_DIR", "/etc/rfg-users")),
                Path.of(env.getOrDefault("RFG_STATE_DIR", "/var/lib/rfg-sentinel")),
                Path.of(env.getOrDefault("RFG_RUNTIME_CONF", "/run/rfg/redis-runtime.conf")),
                announce, Integer.parseInt(env.getOrDefault("RFG_HTTP_PORT", "8080")),
                // Test knobs (several "pods" on one loopback): where the pod's own Redis listens, what to bind.
                env.getOrDefault("RFG_REDIS_HOST", "127.0.0.1"), env.get("RFG_BIND"));
    }

    private static String need(Map<String, String> env, String key) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("environment variable " + key + " is not set");
        }
        return v.trim();
    }
}
