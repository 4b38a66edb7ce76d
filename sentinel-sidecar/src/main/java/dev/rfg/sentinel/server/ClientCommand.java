package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.List;
import java.util.Locale;

/** CLIENT SETNAME, GETNAME, SETINFO, ID, KILL, LIST, INFO, HELP. */
final class ClientCommand {
    private ClientCommand() {}

    static void register(Dispatcher d, ServerContext ctx) {
        d.add(new CommandSpec("client", -2, List.of("sentinel"), "connection",
                "A container for client connection commands.",
                List.of("setname", "getname", "setinfo", "id", "kill", "list", "info", "help"),
                (c, a) -> execute(ctx, c, a)));
    }

    static Reply execute(ServerContext ctx, ClientSession c, List<String> a) {
        String sub = a.get(1).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "setname" -> {
                if (a.size() != 3) {
                    return arity(sub);
                }
                if (a.get(2).chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
                    return Reply.error("ERR Client names cannot contain spaces, newlines or special characters.");
                }
                c.name = a.get(2);
                return Reply.OK;
            }
            case "getname" -> {
                return c.name.isEmpty() ? Reply.NULL_BULK : Reply.bulk(c.name);
            }
            case "setinfo" -> {
                if (a.size() != 4) {
                    return arity(sub);
                }
                String attr = a.get(2).toLowerCase(Locale.ROOT);
                if (attr.equals("lib-name")) {
                    c.libName = a.get(3);
                } else if (attr.equals("lib-ver")) {
                    c.libVersion = a.get(3);
                } else {
                    return Reply.error("ERR Unrecognized option '" + a.get(2) + "'");
                }
                return Reply.OK;
            }
            case "id" -> {
                return Reply.integer(c.id);
            }
            case "info" -> {
                return Reply.bulk(line(c) + "\n");
            }
            case "list" -> {
                StringBuilder sb = new StringBuilder();
                for (ClientSession x : ctx.clients.values()) {
                    sb.append(line(x)).append('\n');
                }
                return Reply.bulk(sb.toString());
            }
            case "kill" -> {
                return kill(ctx, c, a);
            }
            case "help" -> {
                return Reply.array(List.of(new Reply.Simple("CLIENT <subcommand> [<arg> [value] [opt] ...]. "
                        + "Subcommands are: SETNAME, GETNAME, SETINFO, ID, INFO, LIST, KILL, HELP")));
            }
            default -> {
                return Reply.error("ERR unknown subcommand '" + a.get(1) + "'. Try CLIENT HELP.");
            }
        }
    }

    private static Reply kill(ServerContext ctx, ClientSession c, List<String> a) {
        if (a.size() == 3) {
            for (ClientSession x : List.copyOf(ctx.clients.values())) {
                if (x.address().equals(a.get(2))) {
                    x.channel.close();
                    return Reply.OK;
                }
            }
            return Reply.error("ERR No such client");
        }
        if (a.size() % 2 != 0) {
            return Reply.error("ERR syntax error");
        }
        Long id = null;
        String addr = null;
        String type = null;
        boolean skipMe = true;
        for (int i = 2; i < a.size(); i += 2) {
            String k = a.get(i).toLowerCase(Locale.ROOT);
            String v = a.get(i + 1);
            switch (k) {
                case "id" -> {
                    try {
                        id = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        return Reply.error("ERR client-id should be greater than 0");
                    }
                }
                case "addr" -> addr = v;
                case "type" -> {
                    type = v.toLowerCase(Locale.ROOT);
                    if (!List.of("normal", "pubsub", "master", "replica", "slave").contains(type)) {
                        return Reply.error("ERR Unknown client type '" + v + "'");
                    }
                }
                case "skipme" -> skipMe = !v.equalsIgnoreCase("no");
                default -> {
                    return Reply.error("ERR syntax error");
                }
            }
        }
        int killed = 0;
        for (ClientSession x : List.copyOf(ctx.clients.values())) {
            if ((id != null && x.id != id) || (addr != null && !x.address().equals(addr))
                    || (type != null && !type.equals(x.inPubSub() ? "pubsub" : "normal"))
                    || (skipMe && x == c)) {
                continue;
            }
            x.channel.close();
            killed++;
        }
        return Reply.integer(killed);
    }

    private static String line(ClientSession x) {
        long age = (System.currentTimeMillis() - x.createdAt) / 1000;
        return "id=" + x.id + " addr=" + x.address() + " laddr=" + x.localAddress() + " fd=0 name=" + x.name
                + " age=" + age + " idle=0 flags=" + (x.inPubSub() ? "P" : "N") + " db=0 sub=" + x.channels.size()
                + " psub=" + x.patterns.size() + " ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 "
                + "rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=" + x.lastCommand + " user=default "
                + "redir=-1 resp=" + x.protocol + " lib-name=" + x.libName + " lib-ver=" + x.libVersion;
    }

    private static Reply arity(String sub) {
        return Reply.error("ERR wrong number of arguments for 'client|" + sub + "' command");
    }
}
