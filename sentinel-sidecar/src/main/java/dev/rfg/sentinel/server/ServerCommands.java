package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** PING, AUTH, HELLO, ROLE, INFO, SHUTDOWN; ACL and COMMAND are in their own classes. */
final class ServerCommands {
    static final String VERSION = "7.0.15";

    private ServerCommands() {}

    static void register(Dispatcher d, ServerContext ctx) {
        d.add("ping", ServerCommands::ping);
        d.add("auth", (c, a) -> auth(ctx, c, a));
        d.add("hello", (c, a) -> hello(ctx, c, a));
        d.add("role", (c, a) -> role(ctx));
        d.add("info", (c, a) -> InfoCommand.info(ctx, a));
        d.add("shutdown", (c, a) -> shutdown(ctx, c, a));
        d.add("acl", (c, a) -> AclCommand.execute(ctx, c, a));
        d.add("command", (c, a) -> CommandCommand.execute(a));
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

    private static final Reply WRONGPASS =
            Reply.error("WRONGPASS invalid username-password pair or user is disabled.");

    /** authCommand: {@code AUTH <pass>} logs in as {@code default}, {@code AUTH <user> <pass>} as that user. */
    static Reply auth(ServerContext ctx, ClientSession c, List<String> a) {
        if (a.size() > 3) {
            return Reply.error("ERR syntax error");
        }
        if (a.size() == 2 && ctx.acl().defaultUser().nopass()) {
            return Reply.error("ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?");
        }
        String user = a.size() == 3 ? a.get(1) : "default";
        // On failure the connection keeps its user and state.
        return AccessGuard.authenticate(ctx, c, user, a.get(a.size() - 1), a.get(0)) ? Reply.OK : WRONGPASS;
    }

    /**
     * helloCommand: the options in order (AUTH and SETNAME take effect as they come, so a bad later option
     * leaves them done), then the NOAUTH check, then the protocol switch.
     */
    static Reply hello(ServerContext ctx, ClientSession c, List<String> a) {
        int proto = c.protocol;
        int i = 1;
        if (a.size() >= 2) {
            long ver;
            try {
                ver = Long.parseLong(a.get(1));
            } catch (NumberFormatException e) {
                return Reply.error("ERR Protocol version is not an integer or out of range");
            }
            if (ver < 2 || ver > 3) {
                return Reply.error("NOPROTO unsupported protocol version");
            }
            proto = (int) ver;
            i = 2;
        }
        for (; i < a.size(); i++) {
            String opt = a.get(i);
            int more = a.size() - 1 - i;
            if (opt.equalsIgnoreCase("auth") && more >= 2) {
                if (!AccessGuard.authenticate(ctx, c, a.get(i + 1), a.get(i + 2), a.get(0))) {
                    return WRONGPASS;
                }
                i += 2;
            } else if (opt.equalsIgnoreCase("setname") && more >= 1) {
                String name = a.get(++i);
                if (!ClientCommand.validName(name)) {
                    return Reply.error("ERR Client names cannot contain spaces, newlines or special characters.");
                }
                c.name = name;
            } else {
                return Reply.error("ERR Syntax error in HELLO option '" + opt + "'");
            }
        }
        if (!c.authenticated) {
            return Reply.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the "
                    + "HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP "
                    + "protocol version at the same time");
        }
        c.protocol = proto;
        return Reply.map().put("server", "redis").put("version", VERSION).put("proto", Reply.integer(proto))
                .put("id", Reply.integer(c.id)).put("mode", "sentinel").put("modules", Reply.array(List.of())).build();
    }

    static Reply role(ServerContext ctx) {
        List<Reply> names = new ArrayList<>();
        for (String n : ctx.sentinel.masters.keySet()) {
            names.add(Reply.bulk(n));
        }
        return Reply.array(List.of(Reply.bulk("sentinel"), Reply.array(names)));
    }

    /** shutdownCommand: the options are checked (a sentinel has nothing to save), ABORT has nothing to abort. */
    static Reply shutdown(ServerContext ctx, ClientSession c, List<String> a) {
        boolean nosave = false;
        boolean save = false;
        boolean other = false;
        boolean abort = false;
        for (String opt : a.subList(1, a.size())) {
            switch (opt.toLowerCase(Locale.ROOT)) {
                case "nosave" -> nosave = true;
                case "save" -> save = true;
                case "now", "force" -> other = true;
                case "abort" -> abort = true;
                default -> {
                    return Reply.error("ERR syntax error");
                }
            }
        }
        if ((abort && (nosave || save || other)) || (nosave && save)) {
            return Reply.error("ERR syntax error");
        }
        if (abort) {
            return Reply.error("ERR No shutdown in progress.");
        }
        ctx.sentinel.persister.flush();
        c.channel.close();
        ctx.shutdown.run();
        return null;
    }
}
