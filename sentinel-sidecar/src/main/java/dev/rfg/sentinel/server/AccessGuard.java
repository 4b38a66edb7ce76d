package dev.rfg.sentinel.server;

import dev.rfg.sentinel.acl.AclLog;
import dev.rfg.sentinel.acl.Permissions;
import dev.rfg.sentinel.acl.User;
import dev.rfg.sentinel.resp.Reply;

import java.util.List;

/**
 * The ACL checks of processCommand, after the lookup and arity: NOAUTH for a connection that has not logged in
 * while the default user is off or has a password, then the user's permissions (NOPERM, recorded in ACL LOG).
 * Also the log entry of a failed login, and AUTH / HELLO AUTH themselves (ACLAuthenticateUser).
 */
final class AccessGuard {
    private AccessGuard() {}

    /**
     * The error that refuses the command, or null if it may run. {@code cmd} is its table entry (the container's
     * for a subcommand that only RFG has), {@code fullName} the name errors give ({@code client|id}).
     */
    static Reply check(ServerContext ctx, ClientSession c, CommandTable.Entry cmd, String fullName,
                       List<String> args) {
        if (!c.authenticated && ctx.acl().authRequired() && !cmd.hasFlag("no_auth")) {
            return Reply.error("NOAUTH Authentication required.");
        }
        Permissions.Denial d = Permissions.check(c.user, AclCatalog.of(cmd, fullName), args);
        if (d == null) {
            return null;
        }
        if (d.reason() == Permissions.Reason.CHANNEL) {
            log(ctx, c, d.reason(), args.get(d.arg()), c.user.name());
            return Reply.error("NOPERM this user has no permissions to access one of the channels used as "
                    + "arguments");
        }
        log(ctx, c, d.reason(), fullName, c.user.name());
        return Reply.error("NOPERM this user has no permissions to run the '" + fullName + "' command");
    }

    /** Logs in as {@code user}: true, or false after logging the failure ({@code verb} as the client wrote it). */
    static boolean authenticate(ServerContext ctx, ClientSession c, String user, String pass, String verb) {
        User u = ctx.acl().authenticate(user, pass);
        if (u == null) {
            log(ctx, c, Permissions.Reason.AUTH, verb, user);
            return false;
        }
        c.user = u;
        c.authenticated = true;
        return true;
    }

    private static void log(ServerContext ctx, ClientSession c, Permissions.Reason reason, String object,
                            String username) {
        ctx.aclLog.add(reason, object, username, System.currentTimeMillis(), ClientCommand.line(c));
    }

    /** ACL LOG's entries (addReplyDouble for the age: a bulk string in RESP2, a double in RESP3). */
    static Reply logReply(AclLog log, long count) {
        long now = System.currentTimeMillis();
        return Reply.array(log.newest(count).stream().map(e -> (Reply) Reply.map().put("count",
                Reply.integer(e.count())).put("reason", e.reason()).put("context", e.context())
                .put("object", e.object()).put("username", e.username())
                .put("age-seconds", new Reply.Dbl((now - e.timeMs()) / 1000.0)).put("client-info", e.clientInfo())
                .build()).toList());
    }
}
