package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.config.UserLine;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may do what on a group's sentinel port (issue #13 item 3). The {@code default} user, which clients and
 * applications log in as with the group's password, keeps everything a client needs (discovery, the
 * {@code +switch-master} channel, INFO, ROLE) and every command peers send each other, but not the commands that
 * change or stop failover: those need {@value #ADMIN}, whose password is in the group's
 * {@code NAME-sentinel-admin} Secret, mounted into the sentinel container only.
 *
 * <p>Without an admin password (a pod made by an operator before this existed) the default user keeps every
 * command, as before: otherwise nobody could administer the group.
 */
public final class SentinelUsers {
    public static final String ADMIN = "rfg-admin";

    /**
     * What a data user may not run. PUBLISH and IS-MASTER-DOWN-BY-ADDR stay: the peers send them with the group's
     * password (a sentinel's hello, a vote request); moving the peers to a user of their own is left for later.
     */
    static final List<String> ADMIN_ONLY = List.of("sentinel|set", "sentinel|remove", "sentinel|monitor",
            "sentinel|failover", "sentinel|switchover", "sentinel|reset", "sentinel|config", "sentinel|debug",
            "sentinel|simulate-failure", "sentinel|flushconfig", "acl", "shutdown", "client|kill", "client|pause");

    private SentinelUsers() {}

    /**
     * The user lines of the sentinel's config: none without an admin password; else {@code default} with the
     * group's passwords and no admin commands, and the admin user. They are never written to the state file (the
     * Kubernetes mode persists no secrets).
     */
    static List<UserLine> lines(Credentials data, String adminPassword) {
        if (adminPassword == null || adminPassword.isEmpty()) {
            return List.of();
        }
        List<String> defaults = new ArrayList<>(List.of("default", "on"));
        data.accepted().forEach(p -> defaults.add(">" + p));
        defaults.addAll(List.of("~*", "&*", "+@all"));
        ADMIN_ONLY.forEach(c -> defaults.add("-" + c));
        defaults.add("+acl|whoami");
        return List.of(UserLine.of(defaults), UserLine.of(List.of(ADMIN, "on", ">" + adminPassword, "~*", "&*",
                "+@all")));
    }
}
