package dev.rfg.sentinel.server;

import dev.rfg.sentinel.acl.AclUsers;
import dev.rfg.sentinel.acl.User;
import dev.rfg.sentinel.resp.Reply;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * ACL and its subcommands (aclCommand of acl.c); the ones that change users, DRYRUN and LOG are in
 * {@link AclUserCommands}. There is no ACL file: LOAD and SAVE answer stock's error, and users go to the config
 * file with the rewrite. Arity and unknown subcommands are checked by the {@link Dispatcher}.
 */
final class AclCommand {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] HELP = {
        "ACL <subcommand> [<argument> ...], where <subcommand> is one of:",
        "CAT [<category>]",
        "    The ACL categories, or the commands and subcommands in <category>.",
        "DELUSER <username> [<username> ...]",
        "    Deletes users and closes their connections ('default' cannot be deleted).",
        "DRYRUN <username> <command> [<arg> ...]",
        "    Checks whether <username> may run the command line, without running it.",
        "GETUSER <username>",
        "    The flags, password hashes and permissions of <username>.",
        "GENPASS [<bits>]",
        "    A random password of <bits> bits (256 by default), in hex digits.",
        "LIST",
        "    Every user, as a line of the config file.",
        "LOAD",
        "    Reads users from an ACL file; this sentinel has none, so it fails.",
        "LOG [<count> | RESET]",
        "    The newest denied commands and failed logins (10 unless told); RESET clears them.",
        "SAVE",
        "    Writes users to an ACL file; this sentinel has none, so it fails.",
        "SETUSER <username> [<rule> ...]",
        "    Creates or changes a user by rules (on, >password, +@category, ~keys, &channels, ...).",
        "USERS",
        "    The names of all users.",
        "WHOAMI",
        "    The user this connection is logged in as.",
        "HELP",
        "    This list."};
    private static final String NO_ACL_FILE = "ERR This Redis instance is not configured to use an ACL file. You may "
            + "want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a "
            + "Redis configuration file set) in order to store users in the Redis configuration.";

    private AclCommand() {}

    static Reply execute(ServerContext ctx, ClientSession c, List<String> a) {
        AclUsers acl = ctx.acl();
        return switch (a.get(1).toLowerCase(Locale.ROOT)) {
            case "whoami" -> Reply.bulk(c.user.name());
            case "users" -> Reply.array(acl.all().stream().map(u -> Reply.bulk(u.name())).toList());
            case "list" -> Reply.array(acl.all().stream()
                    .map(u -> Reply.bulk("user " + u.name() + " " + u.describe())).toList());
            case "getuser" -> getuser(acl.get(a.get(2)));
            case "cat" -> cat(a);
            case "genpass" -> genpass(a);
            case "log" -> AclUserCommands.log(ctx, a);
            case "dryrun" -> AclUserCommands.dryrun(acl, a);
            case "deluser" -> AclUserCommands.deluser(ctx, c, a);
            case "setuser" -> AclUserCommands.setuser(ctx, c, a);
            case "load", "save" -> Reply.error(NO_ACL_FILE);
            default -> help();
        };
    }

    /** The user's flags, password hashes, root selector and other selectors (7.0's shape). */
    private static Reply getuser(User u) {
        if (u == null) {
            return Reply.NULL_BULK;
        }
        Reply.MapBuilder m = Reply.map()
                .put("flags", Reply.set(u.flags().stream().map(Reply::bulk).toList()))
                .put("passwords", Reply.array(u.passwords().stream().map(Reply::bulk).toList()));
        List<List<String>> selectors = u.selectorDescriptions();
        List<String> root = selectors.getFirst();
        m.put("commands", root.get(0)).put("keys", root.get(1)).put("channels", root.get(2));
        List<Reply> others = new ArrayList<>();
        for (List<String> s : selectors.subList(1, selectors.size())) {
            others.add(Reply.map().put("commands", s.get(0)).put("keys", s.get(1)).put("channels", s.get(2)).build());
        }
        return m.put("selectors", Reply.array(others)).build();
    }

    /** ACL CAT: the categories, or the commands and subcommands of this sentinel in one. */
    private static Reply cat(List<String> a) {
        if (a.size() == 2) {
            return Reply.array(CommandTable.ACL_CATEGORIES.stream().map(Reply::bulk).toList());
        }
        if (a.size() > 3) {
            return Dispatcher.syntaxOrArity(a);
        }
        String category = a.get(2).toLowerCase(Locale.ROOT);
        if (!CommandTable.ACL_CATEGORIES.contains(category)) {
            return Reply.error("ERR Unknown category '" + trim(a.get(2)) + "'");
        }
        return Reply.array(CommandTable.all().stream().filter(e -> e.aclCategories().contains("@" + category))
                .map(e -> Reply.bulk(e.name())).toList());
    }

    private static Reply genpass(List<String> a) {
        if (a.size() > 3) {
            return Dispatcher.syntaxOrArity(a);
        }
        long bits = 256;
        if (a.size() == 3) {
            try {
                bits = Long.parseLong(a.get(2));
            } catch (NumberFormatException e) {
                return Reply.error("ERR value is not an integer or out of range");
            }
        }
        if (bits <= 0 || bits > 4096) {
            return Reply.error("ERR ACL GENPASS argument must be the number of bits for the output password, "
                    + "a positive number up to 4096");
        }
        int chars = (int) ((bits + 3) / 4);
        byte[] random = new byte[(chars + 1) / 2];
        RANDOM.nextBytes(random);
        return Reply.bulk(HexFormat.of().formatHex(random).substring(0, chars));
    }

    private static Reply help() {
        return Reply.simples(HELP);
    }

    private static String trim(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }
}
