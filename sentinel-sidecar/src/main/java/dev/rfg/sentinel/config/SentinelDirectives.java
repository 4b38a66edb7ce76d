package dev.rfg.sentinel.config;

import java.util.List;
import java.util.Locale;

/**
 * The {@code sentinel ...} directives, read after every other line of the config: global ones with the monitor
 * lines, then the per-master ones.
 */
final class SentinelDirectives {
    private SentinelDirectives() {}

    static void global(SentinelConfig cfg, String opt, List<String> a) {
        switch (opt) {
            case "monitor" -> {
                arity(a, 6);
                String name = a.get(2);
                int quorum;
                try {
                    quorum = Integer.parseInt(a.get(5));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Quorum must be 1 or greater.");
                }
                if (quorum <= 0) {
                    throw new IllegalArgumentException("Quorum must be 1 or greater.");
                }
                int port = integer(a.get(4), 1, 65535, "Invalid port number");
                if (cfg.masters.containsKey(name)) {
                    throw new IllegalArgumentException("Duplicate master name.");
                }
                cfg.masters.put(name, new MasterConfig(name, a.get(3), port, quorum));
            }
            case "myid" -> {
                arity(a, 3);
                if (a.get(2).length() != 40 || !a.get(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw new IllegalArgumentException("Malformed Sentinel id in myid option.");
                }
                cfg.myId = a.get(2).toLowerCase(Locale.ROOT);
            }
            case "current-epoch" -> {
                arity(a, 3);
                cfg.currentEpoch = longValue(a.get(2));
            }
            case "deny-scripts-reconfig" -> cfg.denyScriptsReconfig = yesNo(a, 3);
            case "resolve-hostnames" -> cfg.resolveHostnames = yesNo(a, 3);
            case "announce-hostnames" -> cfg.announceHostnames = yesNo(a, 3);
            case "announce-ip" -> {
                arity(a, 3);
                cfg.announceIp = a.get(2).isEmpty() ? null : a.get(2);
            }
            case "announce-port" -> {
                arity(a, 3);
                cfg.announcePort = integer(a.get(2), 0, 65535, "Invalid port");
            }
            case "sentinel-user" -> {
                arity(a, 3);
                cfg.sentinelUser = a.get(2);
            }
            case "sentinel-pass" -> {
                arity(a, 3);
                cfg.sentinelPass = a.get(2);
            }
            case "down-after-milliseconds", "failover-timeout", "parallel-syncs", "auth-pass", "auth-user",
                 "config-epoch", "leader-epoch", "known-replica", "known-slave", "known-sentinel",
                 "notification-script", "client-reconfig-script", "rename-command",
                 "master-reboot-down-after-period" -> { /* second pass */ }
            default -> throw new IllegalArgumentException("Unrecognized sentinel configuration statement.");
        }
    }

    static void perMaster(SentinelConfig cfg, List<String> a) {
        if (!a.get(0).equalsIgnoreCase("sentinel") || a.size() < 3) {
            return;
        }
        String opt = a.get(1).toLowerCase(Locale.ROOT);
        switch (opt) {
            case "down-after-milliseconds" -> {
                arity(a, 4);
                master(cfg, a).downAfterMs = positive(a.get(3));
            }
            case "failover-timeout" -> {
                arity(a, 4);
                master(cfg, a).failoverTimeoutMs = positive(a.get(3));
            }
            case "parallel-syncs" -> {
                arity(a, 4);
                master(cfg, a).parallelSyncs = (int) positive(a.get(3));
            }
            case "auth-pass" -> {
                arity(a, 4);
                master(cfg, a).authPass = a.get(3);
            }
            case "auth-user" -> {
                arity(a, 4);
                master(cfg, a).authUser = a.get(3);
            }
            case "config-epoch" -> {
                arity(a, 4);
                MasterConfig m = master(cfg, a);
                m.configEpoch = longValue(a.get(3));
                cfg.currentEpoch = Math.max(cfg.currentEpoch, m.configEpoch);
            }
            case "leader-epoch" -> {
                arity(a, 4);
                MasterConfig m = master(cfg, a);
                m.leaderEpoch = longValue(a.get(3));
                cfg.currentEpoch = Math.max(cfg.currentEpoch, m.leaderEpoch);
            }
            case "known-replica", "known-slave" -> {
                arity(a, 5);
                master(cfg, a).knownReplicas.add(new MasterConfig.KnownReplica(a.get(3),
                        integer(a.get(4), 1, 65535, "Invalid port number")));
            }
            case "known-sentinel" -> {
                if (a.size() != 5 && a.size() != 6) {
                    throw new IllegalArgumentException("Wrong number of arguments");
                }
                master(cfg, a).knownSentinels.add(new MasterConfig.KnownSentinel(a.get(3),
                        integer(a.get(4), 0, 65535, "Invalid port number"), a.size() == 6 ? a.get(5) : null));
            }
            case "notification-script" -> {
                arity(a, 4);
                MasterConfig m = master(cfg, a);
                script(cfg, a.get(3), "Notification script seems non existing or non executable.");
                m.notificationScript = a.get(3);
            }
            case "client-reconfig-script" -> {
                arity(a, 4);
                MasterConfig m = master(cfg, a);
                script(cfg, a.get(3), "Client reconfiguration script seems non existing or non executable.");
                m.clientReconfigScript = a.get(3);
            }
            case "rename-command" -> {
                arity(a, 5);
                master(cfg, a).renamedCommands.add(new String[] {a.get(3), a.get(4)});
            }
            case "master-reboot-down-after-period" -> {
                arity(a, 4);
                master(cfg, a).masterRebootDownAfterMs = longValue(a.get(3));
            }
            default -> { }
        }
    }

    /** Stock checks a script when it reads it, after the whole config: relative to the last {@code dir}. */
    private static void script(SentinelConfig cfg, String path, String reason) {
        if (!java.nio.file.Files.isExecutable(cfg.resolve(path))) {
            throw new IllegalArgumentException(reason);
        }
    }

    static MasterConfig master(SentinelConfig cfg, List<String> a) {
        MasterConfig m = cfg.masters.get(a.get(2));
        if (m == null) {
            throw new IllegalArgumentException("No such master with specified name.");
        }
        return m;
    }

    static void arity(List<String> a, int n) {
        if (a.size() != n) {
            throw new IllegalArgumentException(a.get(0).equalsIgnoreCase("sentinel")
                    ? "Wrong number of arguments for 'sentinel " + (a.size() > 1 ? a.get(1) : "") + "'"
                    : "wrong number of arguments");
        }
    }

    static boolean yesNo(List<String> a, int n) {
        arity(a, n);
        String v = a.get(n - 1).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("Please specify yes or no for the '" + a.get(1) + "' option.");
        };
    }

    static int integer(String s, int min, int max, String reason) {
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException(reason);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(reason);
        }
    }

    static long longValue(String s) {
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new IllegalArgumentException("Invalid value '" + s + "': must be a non-negative integer");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + s + "': not an integer");
        }
    }

    static long positive(String s) {
        long v = longValue(s);
        if (v <= 0) {
            throw new IllegalArgumentException("Invalid value '" + s + "': must be greater than 0");
        }
        return v;
    }
}
