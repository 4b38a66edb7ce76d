package dev.rfg.sentinel.server;

import dev.rfg.sentinel.engine.InstanceLinks;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.resp.Reply;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/** SENTINEL SET: per-master options, one {@code +set} event each, then a config flush. */
final class MasterOptions {
    private MasterOptions() {}

    static Reply set(Sentinel s, MasterInstance m, List<String> a) {
        boolean dropLinks = false;
        int changes = 0;
        int i = 3;
        while (i < a.size()) {
            String opt = a.get(i).toLowerCase(Locale.ROOT);
            int left = a.size() - i - 1;
            if (opt.equals("rename-command") && left >= 2) {
                String from = a.get(i + 1);
                String to = a.get(i + 2);
                if (from.equalsIgnoreCase(to)) {
                    m.renamedCommands.remove(from.toUpperCase(Locale.ROOT));
                } else {
                    m.renamedCommands.put(from.toUpperCase(Locale.ROOT), to);
                }
                s.event("+set", m, "rename-command " + from + " " + to);
                changes++;
                dropLinks = true;
                i += 3;
                continue;
            }
            if (left < 1 || !List.of("down-after-milliseconds", "failover-timeout", "parallel-syncs", "quorum",
                    "notification-script", "client-reconfig-script", "auth-pass", "auth-user",
                    "master-reboot-down-after-period").contains(opt)) {
                return failed(s, changes, Reply.error("ERR Unknown option or number of arguments for SENTINEL SET '"
                        + a.get(i) + "'"));
            }
            String val = a.get(i + 1);
            Reply bad = Reply.error("ERR Invalid argument '" + val + "' for SENTINEL SET '" + a.get(i) + "'");
            switch (opt) {
                case "down-after-milliseconds", "failover-timeout", "parallel-syncs", "quorum",
                     "master-reboot-down-after-period" -> {
                    long v;
                    try {
                        v = Long.parseLong(val);
                    } catch (NumberFormatException e) {
                        return failed(s, changes, bad);
                    }
                    if (opt.equals("master-reboot-down-after-period") ? v < 0 : v <= 0) {
                        return failed(s, changes, bad);
                    }
                    switch (opt) {
                        case "down-after-milliseconds" -> {
                            m.downAfterMs = v;
                            m.replicas.values().forEach(r -> r.downAfterMs = v);
                            m.sentinels.values().forEach(p -> p.downAfterMs = v);
                        }
                        case "failover-timeout" -> m.failoverTimeoutMs = v;
                        case "parallel-syncs" -> m.parallelSyncs = (int) v;
                        case "quorum" -> m.quorum = (int) v;
                        default -> m.masterRebootDownAfterMs = v;
                    }
                    s.event("+set", m, opt + " " + val);
                    changes++;
                }
                case "notification-script", "client-reconfig-script" -> {
                    if (s.config.denyScriptsReconfig) {
                        return failed(s, changes, Reply.error("ERR Reconfiguration of scripts path is denied for "
                                + "security reasons. Check the deny-scripts-reconfig configuration directive in your "
                                + "config file."));
                    }
                    // Relative to the config's dir, where stock has changed directory to (and runs scripts).
                    if (!val.isEmpty() && !Files.isExecutable(s.config.resolve(val))) {
                        return failed(s, changes,
                                Reply.error("ERR Notification script seems non existing or non executable"));
                    }
                    if (opt.equals("notification-script")) {
                        m.notificationScript = val.isEmpty() ? null : val;
                    } else {
                        m.clientReconfigScript = val.isEmpty() ? null : val;
                    }
                    s.event("+set", m, opt + " " + val);
                    changes++;
                }
                case "auth-pass" -> {
                    m.authPass = val.isEmpty() ? null : val;
                    dropLinks = true;
                    s.event("+set", m, "auth-pass ******");
                    changes++;
                }
                default -> {
                    m.authUser = val.isEmpty() ? null : val;
                    dropLinks = true;
                    s.event("+set", m, "auth-user " + val);
                    changes++;
                }
            }
            i += 2;
        }
        if (dropLinks) {
            InstanceLinks.closeMasterAndReplicas(m);
        }
        return SentinelCommand.flushAndReply(s);
    }

    /** An error after some options were applied: stock still saves those (its reply is the error). */
    private static Reply failed(Sentinel s, int changes, Reply error) {
        if (changes > 0) {
            s.persister.flush();
        }
        return error;
    }
}
