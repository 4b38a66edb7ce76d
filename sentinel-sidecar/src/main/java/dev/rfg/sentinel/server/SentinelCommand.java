package dev.rfg.sentinel.server;

import dev.rfg.sentinel.engine.Election;
import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.Instance;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.ReplicaInstance;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.engine.SentinelPeer;
import dev.rfg.sentinel.resp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** SENTINEL and its read-side subcommands; the administrative ones live in {@link SentinelAdmin}. */
final class SentinelCommand {
    /** Arity of each subcommand, counting "SENTINEL" and the subcommand (negative: at least). */
    static final Map<String, Integer> ARITY = Map.ofEntries(
            Map.entry("masters", 2), Map.entry("master", 3), Map.entry("replicas", 3), Map.entry("slaves", 3),
            Map.entry("sentinels", 3), Map.entry("get-master-addr-by-name", 3),
            Map.entry("is-master-down-by-addr", 6), Map.entry("reset", 3), Map.entry("failover", 3),
            Map.entry("ckquorum", 3), Map.entry("flushconfig", 2), Map.entry("monitor", 6),
            Map.entry("remove", 3), Map.entry("set", -5), Map.entry("myid", 2), Map.entry("info-cache", -3),
            Map.entry("simulate-failure", -3), Map.entry("config", -3), Map.entry("debug", -2),
            Map.entry("pending-scripts", 2), Map.entry("help", 2),
            // RFG extension: a planned failover through the master's FAILOVER TO (README "Kubernetes mode").
            Map.entry("switchover", 5));

    private SentinelCommand() {}

    static void register(Dispatcher d, ServerContext ctx) {
        d.add(new CommandSpec("sentinel", -2, List.of("admin", "sentinel", "only_sentinel"), "sentinel",
                "A container for Redis Sentinel commands.", List.copyOf(new java.util.TreeSet<>(ARITY.keySet())),
                (c, a) -> execute(ctx, c, a)));
    }

    static Reply execute(ServerContext ctx, ClientSession c, List<String> a) {
        String sub = a.get(1).toLowerCase(Locale.ROOT);
        Integer arity = ARITY.get(sub);
        if (arity == null) {
            return Reply.error("ERR unknown subcommand '" + a.get(1) + "'. Try SENTINEL HELP.");
        }
        if (arity > 0 ? a.size() != arity : a.size() < -arity) {
            return Reply.error("ERR wrong number of arguments for 'sentinel|" + sub + "' command");
        }
        Sentinel s = ctx.sentinel;
        return switch (sub) {
            case "masters" -> Reply.array(s.masters.values().stream().map(InstanceRecords::record).toList());
            case "master" -> withMaster(s, a.get(2), InstanceRecords::record);
            case "replicas", "slaves" -> withMaster(s, a.get(2), m -> Reply.array(m.replicas.values().stream()
                    .filter(r -> r.replicaAnnounced).map(InstanceRecords::record).toList()));
            case "sentinels" -> withMaster(s, a.get(2), m -> Reply.array(m.sentinels.values().stream()
                    .map(InstanceRecords::record).toList()));
            case "get-master-addr-by-name" -> {
                MasterInstance m = s.masters.get(a.get(2));
                if (m == null) {
                    yield Reply.NULL_ARRAY;
                }
                Instance addr = Sentinel.currentMasterAddress(m);
                yield Reply.bulks(addr.host, Integer.toString(addr.port));
            }
            case "is-master-down-by-addr" -> isMasterDownByAddr(s, a);
            case "ckquorum" -> withMaster(s, a.get(2), SentinelCommand::ckquorum);
            case "myid" -> Reply.bulk(s.myId);
            case "flushconfig" -> s.persister.flush() ? Reply.OK
                    : Reply.error("ERR Failed to save config file. Check server logs.");
            case "info-cache" -> infoCache(s, a);
            case "pending-scripts" -> Reply.array(List.of());
            case "help" -> help();
            default -> SentinelAdmin.execute(ctx, c, sub, a);
        };
    }

    static Reply withMaster(Sentinel s, String name, java.util.function.Function<MasterInstance, Reply> f) {
        MasterInstance m = s.masters.get(name);
        return m == null ? Reply.error("ERR No such master with that name") : f.apply(m);
    }

    private static Reply isMasterDownByAddr(Sentinel s, List<String> a) {
        long port;
        long reqEpoch;
        try {
            port = Long.parseLong(a.get(3));
            reqEpoch = Long.parseLong(a.get(4));
        } catch (NumberFormatException e) {
            return Reply.error("ERR value is not an integer or out of range");
        }
        MasterInstance m = s.masterByAddr(a.get(2), (int) port);
        boolean isDown = !s.tilt && m != null && m.has(Flag.S_DOWN);
        String leader = null;
        long leaderEpoch = 0;
        if (m != null && !a.get(5).equals("*")) {
            Election.Vote v = s.election.voteLeader(m, reqEpoch, a.get(5));
            leader = v.leader();
            leaderEpoch = v.epoch();
        }
        return Reply.array(List.of(Reply.integer(isDown ? 1 : 0), Reply.bulk(leader == null ? "*" : leader),
                Reply.integer(leaderEpoch)));
    }

    private static Reply ckquorum(MasterInstance m) {
        int usable = 1;
        for (SentinelPeer p : m.sentinels.values()) {
            if (!p.has(Flag.S_DOWN) && !p.has(Flag.O_DOWN)) {
                usable++;
            }
        }
        int voters = m.sentinels.size() + 1;
        boolean noQuorum = usable < m.quorum;
        boolean noAuth = usable < voters / 2 + 1;
        if (!noQuorum && !noAuth) {
            return new Reply.Simple("OK " + usable + " usable Sentinels. Quorum and failover authorization can be reached");
        }
        StringBuilder e = new StringBuilder("NOQUORUM ").append(usable).append(" usable Sentinels. ");
        if (noQuorum) {
            e.append("Not enough available Sentinels to reach the specified quorum for this master");
        }
        if (noAuth) {
            if (noQuorum) {
                e.append(". ");
            }
            e.append("Not enough available Sentinels to reach the majority and authorize a failover");
        }
        return Reply.error(e.toString());
    }

    private static Reply infoCache(Sentinel s, List<String> a) {
        List<Reply> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (MasterInstance m : s.masters.values()) {
            if (a.size() > 2 && !a.subList(2, a.size()).contains(m.name)) {
                continue;
            }
            List<Reply> entries = new ArrayList<>();
            entries.add(cacheEntry(m, now));
            for (ReplicaInstance r : m.replicas.values()) {
                entries.add(cacheEntry(r, now));
            }
            out.add(Reply.bulk(m.name));
            out.add(Reply.array(entries));
        }
        return Reply.array(out);
    }

    private static Reply cacheEntry(Instance ri, long now) {
        return Reply.array(List.of(Reply.integer(ri.infoCache == null ? 0 : now - ri.infoCacheTime),
                ri.infoCache == null ? Reply.NULL_BULK : Reply.bulk(ri.infoCache)));
    }

    private static Reply help() {
        String[] lines = {
            "SENTINEL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CKQUORUM <master-name>", "    Check if the current Sentinel configuration is able to reach the quorum",
            "    needed to failover a master and the majority needed to authorize the",
            "    failover.",
            "CONFIG SET <param> <value>", "    Set a global Sentinel configuration parameter.",
            "CONFIG GET <param>", "    Get global Sentinel configuration parameter.",
            "DEBUG [<param> <value> ...]", "    Show a list of configurable time parameters and their values (milliseconds).",
            "    Or update current configurable parameters values (one or more).",
            "GET-MASTER-ADDR-BY-NAME <master-name>", "    Return the ip and port number of the master with that name.",
            "FAILOVER <master-name>", "    Manually failover a master node without asking for agreement from other",
            "    Sentinels",
            "FLUSHCONFIG", "    Force Sentinel to rewrite its configuration on disk, including the current",
            "    Sentinel state.",
            "INFO-CACHE <master-name>", "    Return last cached INFO output from masters and all its replicas.",
            "IS-MASTER-DOWN-BY-ADDR <ip> <port> <current-epoch> <runid>",
            "    Check if the master specified by ip:port is down from current Sentinel's",
            "    point of view.",
            "MASTER <master-name>", "    Show the state and info of the specified master.",
            "MASTERS", "    Show a list of monitored masters and their state.",
            "MONITOR <name> <ip> <port> <quorum>", "    Start monitoring a new master with the specified name, ip, port and quorum.",
            "MYID", "    Return the ID of the Sentinel instance.",
            "PENDING-SCRIPTS", "    Get pending scripts information.",
            "REMOVE <master-name>", "    Remove master from Sentinel's monitor list.",
            "REPLICAS <master-name>", "    Show a list of replicas for this master and their state.",
            "RESET <pattern>", "    Reset masters for specific master name matching this pattern.",
            "SENTINELS <master-name>", "    Show a list of Sentinel instances for this master and their state.",
            "SET <master-name> <option> <value> [<option> <value> ...]",
            "    Set configuration paramters for certain masters.",
            "SIMULATE-FAILURE [CRASH-AFTER-ELECTION] [CRASH-AFTER-PROMOTION] [HELP]",
            "    Simulate a Sentinel crash.",
            "HELP", "    Print this help."};
        List<Reply> out = new ArrayList<>();
        for (String l : lines) {
            out.add(new Reply.Simple(l));
        }
        return Reply.array(out);
    }
}
