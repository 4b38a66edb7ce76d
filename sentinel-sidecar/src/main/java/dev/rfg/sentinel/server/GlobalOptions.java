package dev.rfg.sentinel.server;

import dev.rfg.sentinel.engine.InstanceLinks;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.resp.Reply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** SENTINEL CONFIG GET / SET of the global options. */
final class GlobalOptions {
    private GlobalOptions() {}

    static Reply config(Sentinel s, List<String> a) {
        String sub = a.get(2).toLowerCase(Locale.ROOT);
        if (sub.equals("get") && a.size() == 4) {
            Reply.MapBuilder m = Reply.map();
            values(s).forEach((k, v) -> {
                if (Glob.matches(a.get(3), k, true)) {
                    m.put(k, v);
                }
            });
            return m.build();
        }
        if (sub.equals("set") && a.size() == 5) {
            return set(s, a.get(3).toLowerCase(Locale.ROOT), a.get(4));
        }
        return Reply.error("ERR Only SENTINEL CONFIG GET <option> / SET <option> <value> are supported.");
    }

    private static Map<String, String> values(Sentinel s) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("resolve-hostnames", s.config.resolveHostnames ? "yes" : "no");
        v.put("announce-hostnames", s.config.announceHostnames ? "yes" : "no");
        v.put("announce-ip", s.config.announceIp == null ? "" : s.config.announceIp);
        v.put("announce-port", Integer.toString(s.config.announcePort));
        v.put("sentinel-user", s.config.sentinelUser == null ? "" : s.config.sentinelUser);
        v.put("sentinel-pass", s.config.sentinelPass == null ? "" : s.config.sentinelPass);
        return v;
    }

    private static Reply set(Sentinel s, String opt, String val) {
        Reply badValue = Reply.error("ERR Invalid value '" + val + "' to SENTINEL CONFIG SET '" + opt + "'");
        switch (opt) {
            case "resolve-hostnames", "announce-hostnames" -> {
                if (!val.equalsIgnoreCase("yes") && !val.equalsIgnoreCase("no")) {
                    return badValue;
                }
                boolean yes = val.equalsIgnoreCase("yes");
                if (opt.equals("resolve-hostnames")) {
                    s.config.resolveHostnames = yes;
                } else {
                    s.config.announceHostnames = yes;
                }
            }
            case "announce-ip" -> s.config.announceIp = val.isEmpty() ? null : val;
            case "announce-port" -> {
                try {
                    int p = Integer.parseInt(val);
                    if (p < 0 || p > 65535) {
                        return badValue;
                    }
                    s.config.announcePort = p;
                } catch (NumberFormatException e) {
                    return badValue;
                }
            }
            case "sentinel-user", "sentinel-pass" -> {
                if (opt.equals("sentinel-user")) {
                    s.config.sentinelUser = val.isEmpty() ? null : val;
                } else {
                    s.config.sentinelPass = val.isEmpty() ? null : val;
                }
                for (MasterInstance m : s.masters.values()) {
                    InstanceLinks.closePeers(m);
                }
            }
            default -> {
                return Reply.error("ERR Invalid argument '" + opt + "' to SENTINEL CONFIG SET");
            }
        }
        return SentinelCommand.flushAndReply(s);
    }
}
