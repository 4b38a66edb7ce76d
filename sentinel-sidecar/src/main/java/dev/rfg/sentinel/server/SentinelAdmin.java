package dev.rfg.sentinel.server;

import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.InstanceLinks;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.ReplicaSelector;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.events.SentinelEvent;
import dev.rfg.sentinel.resp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/** SENTINEL MONITOR, REMOVE, SET, RESET, FAILOVER, SIMULATE-FAILURE, CONFIG and DEBUG. */
final class SentinelAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelAdmin.class);

    private SentinelAdmin() {}

    static Reply execute(ServerContext ctx, ClientSession c, String sub, List<String> a) {
        Sentinel s = ctx.sentinel;
        return switch (sub) {
            case "monitor" -> monitor(ctx, a);
            case "remove" -> SentinelCommand.withMaster(s, a.get(2), m -> {
                s.event("-monitor", m, null);
                InstanceLinks.closeAll(m);
                s.masters.remove(m.name);
                return SentinelCommand.flushAndReply(s);
            });
            case "set" -> SentinelCommand.withMaster(s, a.get(2), m -> MasterOptions.set(s, m, a));
            case "reset" -> {
                int n = 0;
                for (MasterInstance m : List.copyOf(s.masters.values())) {
                    if (Glob.matches(a.get(2), m.name, false)) {
                        s.switcher.reset(m, true, true);
                        n++;
                    }
                }
                s.persister.flush();
                yield Reply.integer(n);
            }
            case "failover" -> SentinelCommand.withMaster(s, a.get(2), m -> {
                if (m.has(Flag.FAILOVER_IN_PROGRESS)) {
                    return Reply.error("INPROG Failover already in progress");
                }
                if (ReplicaSelector.select(m, s.timers, s.clock.now()) == null) {
                    return Reply.error("NOGOODSLAVE No suitable replica to promote");
                }
                LOG.warn("Executing user requested FAILOVER of '{}'", m.name);
                s.failover.start(m, true);
                return Reply.OK;
            });
            case "switchover" -> SentinelCommand.withMaster(s, a.get(2), m -> {
                int port;
                try {
                    port = Integer.parseInt(a.get(4));
                } catch (NumberFormatException e) {
                    return Reply.error("ERR Invalid port");
                }
                String err = s.switchover.request(m, a.get(3), port);
                return err == null ? Reply.OK : Reply.error(err);
            });
            case "simulate-failure" -> simulateFailure(s, a);
            case "config" -> GlobalOptions.config(s, a);
            case "debug" -> debug(s, a);
            default -> Reply.error("ERR unknown subcommand '" + sub + "'. Try SENTINEL HELP.");
        };
    }

    private static Reply monitor(ServerContext ctx, List<String> a) {
        Sentinel s = ctx.sentinel;
        long quorum;
        long port;
        try {
            quorum = Long.parseLong(a.get(5));
        } catch (NumberFormatException e) {
            return Reply.error("ERR Invalid quorum");
        }
        try {
            port = Long.parseLong(a.get(4));
        } catch (NumberFormatException e) {
            return Reply.error("ERR Invalid port");
        }
        if (quorum <= 0) {
            return Reply.error("ERR Quorum must be 1 or greater.");
        }
        if (port < 0 || port > 65535) {
            return Reply.error("ERR Invalid port");
        }
        String host = a.get(3);
        if (!validHost(host, s.config.resolveHostnames)) {
            return Reply.error("ERR Invalid IP address or hostname specified");
        }
        if (s.masters.containsKey(a.get(2))) {
            return Reply.error("ERR Duplicate master name.");
        }
        MasterInstance m = ctx.engine.createMaster(a.get(2), host, (int) port, (int) quorum, Sentinel.now());
        Reply reply = SentinelCommand.flushAndReply(s);
        s.event(SentinelEvent.Level.WARNING, "+monitor", m, "quorum " + m.quorum);
        return reply;
    }

    static boolean validHost(String host, boolean resolve) {
        boolean literal = host.matches("[0-9.]+") && host.chars().filter(ch -> ch == '.').count() == 3
                || host.contains(":") && host.matches("[0-9a-fA-F:.]+");
        if (literal) {
            try {
                InetAddress.getByName(host);
                return true;
            } catch (Exception e) {
                return false;
            }
        }
        if (!resolve) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Reply simulateFailure(Sentinel s, List<String> a) {
        s.simulateCrashAfterElection = false;
        s.simulateCrashAfterPromotion = false;
        for (String opt : a.subList(2, a.size())) {
            switch (opt.toLowerCase(Locale.ROOT)) {
                case "crash-after-election" -> {
                    s.simulateCrashAfterElection = true;
                    LOG.warn("SIMULATE-FAILURE: exiting once elected failover leader");
                }
                case "crash-after-promotion" -> {
                    s.simulateCrashAfterPromotion = true;
                    LOG.warn("SIMULATE-FAILURE: exiting once the chosen replica is promoted");
                }
                case "help" -> {
                    return Reply.bulks("crash-after-election", "crash-after-promotion");
                }
                default -> {
                    return Reply.error("ERR Unknown failure simulation specified");
                }
            }
        }
        return Reply.OK;
    }

    private static Reply debug(Sentinel s, List<String> a) {
        if (a.size() == 2) {
            Reply.MapBuilder m = Reply.map();
            s.timers.asMap().forEach((k, v) -> m.put(k, Reply.bulk(v)));
            return m.build();
        }
        if ((a.size() - 2) % 2 != 0) {
            return Reply.error("ERR Unknown option or number of arguments for SENTINEL DEBUG '" + a.get(a.size() - 1) + "'");
        }
        for (int i = 2; i < a.size(); i += 2) {
            long v;
            try {
                v = Long.parseLong(a.get(i + 1));
            } catch (NumberFormatException e) {
                return Reply.error("ERR Invalid argument '" + a.get(i + 1) + "' for SENTINEL DEBUG '" + a.get(i) + "'");
            }
            if (v <= 0) {
                return Reply.error("ERR Invalid argument '" + a.get(i + 1) + "' for SENTINEL DEBUG '" + a.get(i) + "'");
            }
            if (!s.timers.set(a.get(i), v)) {
                return Reply.error("ERR Unknown option or number of arguments for SENTINEL DEBUG '" + a.get(i) + "'");
            }
        }
        return Reply.OK;
    }
}
