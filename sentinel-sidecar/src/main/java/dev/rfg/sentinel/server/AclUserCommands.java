package dev.rfg.sentinel.server;

import dev.rfg.sentinel.acl.AclException;
import dev.rfg.sentinel.acl.AclUsers;
import dev.rfg.sentinel.acl.Permissions;
import dev.rfg.sentinel.acl.User;
import dev.rfg.sentinel.resp.Reply;

import java.util.List;
import java.util.Locale;

/**
 * ACL SETUSER, DELUSER, DRYRUN and LOG. A changed or deleted user is saved with the config like the rest of the
 * state (the rewrite writes the users; stock's ACL SETUSER leaves that to CONFIG REWRITE, which a sentinel does
 * at its next flush).
 */
final class AclUserCommands {
    private AclUserCommands() {}

    /** All rules are checked on a copy first: one bad rule changes nothing. */
    static Reply setuser(ServerContext ctx, ClientSession c, List<String> a) {
        String name = a.get(2);
        if (name.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch == 0)) {
            return Reply.error("ERR Usernames can't contain spaces or null characters");
        }
        AclUsers acl = ctx.acl();
        User staged;
        try {
            staged = acl.stage(name, a.subList(3, a.size()));
        } catch (AclException e) {
            return Reply.error("ERR " + e.setuserMessage());
        }
        User existing = acl.get(name);
        if (existing != null) {
            closeRevokedSubscribers(ctx, c, existing, staged);
        }
        acl.commit(staged);
        ctx.sentinel.persister.flush();
        return Reply.OK;
    }

    /** ACLKillPubsubClientsIfNeeded: a subscriber of the user whose channels the new rules refuse is closed. */
    private static void closeRevokedSubscribers(ServerContext ctx, ClientSession caller, User existing, User staged) {
        for (ClientSession x : List.copyOf(ctx.clients.values())) {
            if (x.user != existing || !x.inPubSub()) {
                continue;
            }
            boolean revoked = x.patterns.stream().anyMatch(p -> !Permissions.channelAllowed(staged, p, true))
                    || x.channels.stream().anyMatch(ch -> !Permissions.channelAllowed(staged, ch, false));
            if (revoked) {
                ClientCommand.close(caller, x);
            }
        }
    }

    /** Refused as a whole if it names {@code default}; each deleted user's connections are closed. */
    static Reply deluser(ServerContext ctx, ClientSession c, List<String> a) {
        List<String> names = a.subList(2, a.size());
        if (names.contains(AclUsers.DEFAULT)) {
            return Reply.error("ERR The 'default' user cannot be removed");
        }
        AclUsers acl = ctx.acl();
        int deleted = 0;
        for (String n : names) {
            User u = acl.delete(n);
            if (u == null) {
                continue;
            }
            deleted++;
            closeClientsOf(ctx, c, u);
        }
        if (deleted > 0) {
            ctx.sentinel.persister.flush();
        }
        return Reply.integer(deleted);
    }

    /** The connections logged in as {@code u}, a user just removed, are closed (after the reply, for the caller's). */
    static void closeClientsOf(ServerContext ctx, ClientSession caller, User u) {
        for (ClientSession x : List.copyOf(ctx.clients.values())) {
            if (x.user == u) {
                x.user = ctx.acl().defaultUser();
                x.authenticated = false;
                ClientCommand.close(caller, x);
            }
        }
    }

    /** The command must exist and have its arity; a refusal is a bulk string, not an error (as stock). */
    static Reply dryrun(AclUsers acl, List<String> a) {
        User u = acl.get(a.get(2));
        if (u == null) {
            return Reply.error("ERR User '" + a.get(2) + "' not found");
        }
        List<String> cmd = a.subList(3, a.size());
        CommandTable.Entry e = CommandTable.lookup(cmd.get(0));
        if (e != null && cmd.get(0).contains("|")) {
            e = null;
        }
        if (e != null && !e.subcommands().isEmpty() && cmd.size() >= 2) {
            e = e.subcommands().get(e.name() + "|" + cmd.get(1).toLowerCase(Locale.ROOT));
        }
        if (e == null) {
            return Reply.error("ERR Command '" + cmd.get(0) + "' not found");
        }
        if (!e.arityOk(cmd.size())) {
            return Reply.error("ERR wrong number of arguments for '" + e.name() + "' command");
        }
        Permissions.Denial d = Permissions.check(u, AclCatalog.of(e), cmd);
        if (d == null) {
            return Reply.OK;
        }
        if (d.reason() == Permissions.Reason.CHANNEL) {
            return Reply.bulk("This user has no permissions to access the '" + cmd.get(d.arg()) + "' channel");
        }
        return Reply.bulk("This user has no permissions to run the '" + e.name() + "' command");
    }

    static Reply log(ServerContext ctx, List<String> a) {
        if (a.size() > 3) {
            return Dispatcher.syntaxOrArity(a);
        }
        long count = 10;
        if (a.size() == 3) {
            if (a.get(2).equalsIgnoreCase("reset")) {
                ctx.aclLog.reset();
                return Reply.OK;
            }
            try {
                count = Long.parseLong(a.get(2));
            } catch (NumberFormatException e) {
                return Reply.error("ERR value is not an integer or out of range");
            }
        }
        return AccessGuard.logReply(ctx.aclLog, count);
    }
}
