package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** PING, AUTH, HELLO, ROLE, INFO, SHUTDOWN and COMMAND. */
final class ServerCommands {
    static final String VERSION = "7.0.15";

    private ServerCommands() {}

    static void register(Dispatcher d, ServerContext ctx) {
        d.add(new CommandSpec("ping", -1, List.of("fast", "sentinel"), "connection", "Returns the server's liveliness response.",
                List.of(), ServerCommands::ping));
        d.add(new CommandSpec("auth", -2, List.of("noscript", "loading", "stale", "fast", "no_auth", "sentinel"),
                "connection", "Authenticates the connection.", List.of(), (c, a) -> auth(ctx, c, a)));
        d.add(new CommandSpec("hello", -1, List.of("noscript", "loading", "stale", "fast", "no_auth", "sentinel"),
                "connection", "Handshakes with the Redis server.", List.of(), (c, a) -> hello(ctx, c, a)));
        d.add(new CommandSpec("role", 1, List.of("noscript", "loading", "stale", "fast", "sentinel"), "server",
                "Returns the replication role.", List.of(), (c, a) -> role(ctx)));
        d.add(new CommandSpec("info", -1, List.of("loading", "stale", "sentinel"), "server",
                "Returns information and statistics about the server.", List.of(), (c, a) -> InfoCommand.info(ctx, a)));
        d.add(new CommandSpec("shutdown", -1, List.of("admin", "noscript", "loading", "stale", "no_multi", "sentinel"),
                "server", "Synchronously saves the database(s) to disk and shuts down the Redis server.", List.of(),
                (c, a) -> shutdown(ctx, c)));
        d.add(new CommandSpec("acl", -2, List.of("sentinel"), "server", "A container for Access List Control commands.",
                List.of("whoami", "list", "users", "cat", "help"), (c, a) -> acl(a)));
        d.add(new CommandSpec("command", -1, List.of("loading", "stale", "sentinel"), "server",
                "Returns detailed information about all commands.",
                List.of("count", "list", "docs", "info", "getkeys", "getkeysandflags", "help"),
                (c, a) -> CommandCommand.execute(d, c, a)));
    }

    static Reply ping(ClientSession c, List<String> a) {
        if (a.size() > 2) {
            return Reply.error("ERR wrong number of arguments for 'ping' command");
        }
        if (c.inPubSub() && c.protocol == 2) {
            return Reply.array(List.of(Reply.bulk("pong"), Reply.bulk(a.size() == 2 ? a.get(1) : "")));
        }
        return a.size() == 2 ? Reply.bulk(a.get(1)) : new Reply.Simple("PONG");
    }

    static Reply auth(ServerContext ctx, ClientSession c, List<String> a) {
        if (a.size() > 3) {
            return Reply.error("ERR syntax error");
        }
        String pass = ctx.sentinel.config.requirepass;
        if (pass == null) {
            return Reply.error("ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?");
        }
        String user = a.size() == 3 ? a.get(1) : "default";
        if (!user.equals("default") || !a.get(a.size() - 1).equals(pass)) {
            return Reply.error("WRONGPASS invalid username-password pair or user is disabled.");
        }
        c.authenticated = true;
        return Reply.OK;
    }

    static Reply hello(ServerContext ctx, ClientSession c, List<String> a) {
        int proto = c.protocol;
        int i = 1;
        if (a.size() >= 2) {
            try {
                proto = Integer.parseInt(a.get(1));
            } catch (NumberFormatException e) {
                return Reply.error("ERR Protocol version is not an integer or out of range");
            }
            if (proto < 2 || proto > 3) {
                return Reply.error("NOPROTO unsupported protocol version");
            }
            i = 2;
        }
        String setName = null;
        for (; i < a.size(); i++) {
            String opt = a.get(i).toLowerCase(Locale.ROOT);
            boolean more = i + 1 < a.size();
            if (opt.equals("auth") && i + 2 < a.size()) {
                Reply r = auth(ctx, c, List.of("auth", a.get(i + 1), a.get(i + 2)));
                if (r.isError()) {
                    return r;
                }
                i += 2;
            } else if (opt.equals("setname") && more) {
                setName = a.get(++i);
                if (setName.chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
                    return Reply.error("ERR Client names cannot contain spaces, newlines or special characters.");
                }
            } else {
                return Reply.error("ERR Syntax error in HELLO option '" + a.get(i) + "'");
            }
        }
        if (ctx.sentinel.config.requirepass != null && !c.authenticated) {
            return Reply.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the "
                    + "HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select "
                    + "the RESP protocol version at the same time");
        }
        if (setName != null) {
            c.name = setName;
        }
        c.protocol = proto;
        return Reply.map().put("server", "redis").put("version", VERSION).put("proto", Reply.integer(proto))
                .put("id", Reply.integer(c.id)).put("mode", "sentinel").put("modules", Reply.array(List.of())).build();
    }

    /** Only the default user exists here; ACL is answered read-only. */
    static Reply acl(List<String> a) {
        return switch (a.get(1).toLowerCase(Locale.ROOT)) {
            case "whoami" -> Reply.bulk("default");
            case "users" -> Reply.bulks("default");
            case "list" -> Reply.bulks("user default on nopass sanitize-payload ~* &* +@all");
            case "cat" -> Reply.array(List.of());
            case "help" -> Reply.array(List.of(new Reply.Simple("ACL WHOAMI | USERS | LIST | CAT (read-only in rfg-sentinel)")));
            default -> Reply.error("ERR ACL changes are not supported by rfg-sentinel");
        };
    }

    static Reply role(ServerContext ctx) {
        List<Reply> names = new ArrayList<>();
        for (String n : ctx.sentinel.masters.keySet()) {
            names.add(Reply.bulk(n));
        }
        return Reply.array(List.of(Reply.bulk("sentinel"), Reply.array(names)));
    }

    static Reply shutdown(ServerContext ctx, ClientSession c) {
        ctx.sentinel.persister.flush();
        c.channel.close();
        ctx.shutdown.run();
        return null;
    }
}
