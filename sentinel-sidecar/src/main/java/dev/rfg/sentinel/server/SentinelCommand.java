package dev.rfg.sentinel.server;

import dev.rfg.sentinel.engine.Election;
import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.Instance;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.ReplicaInstance;
import dev.rfg.sentinel.engine.ScriptRunner;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.engine.SentinelPeer;
import dev.rfg.sentinel.resp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** SENTINEL and its read-side subcommands; the administrative ones live in {@link SentinelAdmin}. */
final class SentinelCommand {
    /**
     * Arity of SWITCHOVER, counting "SENTINEL" and the subcommand: an RFG extension, not in stock's table (a
     * planned failover through the master's FAILOVER TO, README "Kubernetes mode"). The stock subcommands' arities
     * are in {@link CommandTable}, checked by the {@link Dispatcher}.
     */
    static final int SWITCHOVER_ARITY = 5;
    static final String SWITCHOVER = "switchover";

    private SentinelCommand() {}

    static void register(Dispatcher d, ServerContext ctx) {
        d.add("sentinel", (c, a) -> execute(ctx, c, a), Map.of(SWITCHOVER, SWITCHOVER_ARITY));
    }

    static Reply execute(ServerContext ctx, ClientSession c, List<String> a) {
        String sub = a.get(1).toLowerCase(Locale.ROOT);
        Sentinel s = ctx.sentinel;
        return switch (sub) {
            case "masters" -> Reply.array(s.masters.values().stream().map(ri -> InstanceRecords.record(s, ri)).toList());
            case "master" -> withMaster(s, a.get(2), m -> InstanceRecords.record(s, m));
            case "replicas", "slaves" -> withMaster(s, a.get(2), m -> Reply.array(m.replicas.values().stream()
                    .filter(r -> r.replicaAnnounced).map(ri -> InstanceRecords.record(s, ri)).toList()));
            case "sentinels" -> withMaster(s, a.get(2), m -> Reply.array(m.sentinels.values().stream()
                    .map(ri -> InstanceRecords.record(s, ri)).toList()));
            case "get-master-addr-by-name" -> {
                MasterInstance m = s.masters.get(a.get(2));
                if (m == null) {
                    yield Reply.NULL_ARRAY;
                }
                Instance addr = Sentinel.currentMasterAddress(m);
                yield Reply.bulks(s.announced(addr), Integer.toString(addr.port));
            }
            case "is-master-down-by-addr" -> isMasterDownByAddr(s, a);
            case "ckquorum" -> withMaster(s, a.get(2), m -> ckquorum(s, m));
            case "myid" -> Reply.bulk(s.myId);
            case "flushconfig" -> flushAndReply(s);
            case "info-cache" -> infoCache(s, a);
            case "pending-scripts" -> pendingScripts(s);
            case "help" -> help();
            default -> SentinelAdmin.execute(ctx, c, sub, a);
        };
    }

    /** sentinelFlushConfigAndReply. */
    static Reply flushAndReply(Sentinel s) {
        return s.persister.flush() ? Reply.OK : Reply.error("ERR Failed to save config file. Check server logs.");
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

    private static Reply ckquorum(Sentinel s, MasterInstance m) {
        int usable = 1;
        for (SentinelPeer p : m.sentinels.values()) {
            if (!p.has(Flag.S_DOWN) && !p.has(Flag.O_DOWN)) {
                usable++;
            }
        }
        int voters = s.voterPolicy.voters(m); // stock: every sentinel ever seen; Kubernetes mode: the group size
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

    /** SENTINEL PENDING-SCRIPTS: the script queue, oldest first, as stock lists it. */
    private static Reply pendingScripts(Sentinel s) {
        long now = s.clock.now();
        List<Reply> out = new ArrayList<>();
        for (ScriptRunner.Job j : s.scripts.jobs()) {
            Reply.MapBuilder b = Reply.map()
                    .put("argv", Reply.array(j.argv.stream().map(Reply::bulk).toList()))
                    .put("flags", j.running ? "running" : "scheduled")
                    .put("pid", Long.toString(j.pid()));
            if (j.running) {
                b.put("run-time", Long.toString(now - j.startTime));
            } else {
                b.put("run-delay", Long.toString(j.startTime != 0 ? Math.max(0, j.startTime - now) : 0));
            }
            out.add(b.put("retry-num", Long.toString(j.retryNum)).build());
        }
        return Reply.array(out);
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
            "SENTINEL <subcommand> [<argument> ...], where <subcommand> is one of:",
            "CKQUORUM <master-name>", "    Whether enough usable sentinels exist for the quorum and for a majority.",
            "CONFIG SET <param> <value> [<param> <value> ...]", "    Changes global settings of this sentinel.",
            "CONFIG GET <pattern> [<pattern> ...]", "    The global settings whose names match.",
            "DEBUG [<param> <value> ...]", "    The timers in milliseconds, or sets some of them.",
            "GET-MASTER-ADDR-BY-NAME <master-name>", "    Host and port of the current master.",
            "FAILOVER <master-name>", "    Fails the master over now, without asking the other sentinels.",
            "FLUSHCONFIG", "    Writes this sentinel's state to its config file.",
            "INFO-CACHE [<master-name> ...]", "    The last INFO replies of masters and their replicas.",
            "IS-MASTER-DOWN-BY-ADDR <ip> <port> <current-epoch> <runid>",
            "    Whether this sentinel sees that master down; with a run id, also asks for its vote.",
            "MASTER <master-name>", "    State of one monitored master.",
            "MASTERS", "    State of every monitored master.",
            "MONITOR <name> <host> <port> <quorum>", "    Starts monitoring a master.",
            "MYID", "    This sentinel's id.",
            "PENDING-SCRIPTS", "    Scripts waiting to run or running.",
            "REMOVE <master-name>", "    Stops monitoring a master.",
            "REPLICAS <master-name>", "    State of the master's replicas.",
            "RESET <pattern>", "    Forgets the replicas, sentinels and failover state of matching masters.",
            "SENTINELS <master-name>", "    State of the other sentinels of the master.",
            "SET <master-name> <option> <value> [<option> <value> ...]", "    Changes settings of one master.",
            "SIMULATE-FAILURE [CRASH-AFTER-ELECTION] [CRASH-AFTER-PROMOTION] [HELP]",
            "    Makes this sentinel exit at a point of its next failover (for tests).",
            "SWITCHOVER <master-name> <host> <port>",
            "    RFG: a planned failover to that replica through the master's FAILOVER TO.",
            "HELP", "    This list."};
        return Reply.simples(lines);
    }
}
