package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * ACL with the one user this sentinel has: {@code default}, with all permissions, no password or
 * {@code requirepass}. The read-only subcommands answer as stock does for that user; the ones that would change
 * users (SETUSER) are refused, DELUSER removes nothing (only {@code default} exists, which cannot be removed),
 * and there is no ACL file (LOAD/SAVE) and no ACL log (LOG is empty: failed AUTHs are not recorded).
 */
final class AclCommand {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] HELP = {
        "ACL <subcommand> [<argument> ...], where <subcommand> is one of:",
        "CAT [<category>]",
        "    The ACL categories, or the commands and subcommands in <category>.",
        "DELUSER <username> [<username> ...]",
        "    Deletes users. Only 'default' exists here, and it cannot be deleted.",
        "DRYRUN <username> <command> [<arg> ...]",
        "    Checks whether <username> may run the command line, without running it.",
        "GETUSER <username>",
        "    The flags, password hashes and permissions of <username>.",
        "GENPASS [<bits>]",
        "    A random password of <bits> bits (256 by default), in hex digits.",
        "LIST",
        "    Every user, as a line of an ACL file.",
        "LOAD",
        "    Reads users from an ACL file; this sentinel has none, so it fails.",
        "LOG [<count> | RESET]",
        "    The log of denied commands (always empty here); RESET clears it.",
        "SAVE",
        "    Writes users to an ACL file; this sentinel has none, so it fails.",
        "SETUSER <username> [<rule> ...]",
        "    Creates or changes a user; refused here, 'default' is the only user.",
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

    static Reply execute(ServerContext ctx, List<String> a) {
        String pass = ctx.sentinel.config.requirepass;
        return switch (a.get(1).toLowerCase(Locale.ROOT)) {
            case "whoami" -> Reply.bulk("default");
            case "users" -> Reply.bulks("default");
            case "list" -> Reply.bulks("user default on " + (pass == null ? "nopass" : "#" + sha256(pass))
                    + " ~* &* +@all");
            case "getuser" -> getuser(a.get(2), pass);
            case "cat" -> cat(a);
            case "genpass" -> genpass(a);
            case "log" -> log(a);
            case "dryrun" -> dryrun(a);
            case "deluser" -> {
                if (a.subList(2, a.size()).contains("default")) {
                    yield Reply.error("ERR The 'default' user cannot be removed");
                }
                yield Reply.integer(0);
            }
            case "setuser" -> Reply.error("ERR ACL SETUSER is not supported by rfg-sentinel: the 'default' user is "
                    + "the only user, configured by requirepass");
            case "load", "save" -> Reply.error(NO_ACL_FILE);
            default -> help();
        };
    }

    private static Reply getuser(String user, String pass) {
        if (!user.equals("default")) {
            return Reply.NULL_BULK;
        }
        List<Reply> flags = new ArrayList<>(List.of(Reply.bulk("on")));
        List<Reply> passwords = new ArrayList<>();
        if (pass == null) {
            flags.add(Reply.bulk("nopass"));
        } else {
            passwords.add(Reply.bulk(sha256(pass)));
        }
        return Reply.map().put("flags", Reply.set(flags)).put("passwords", Reply.array(passwords))
                .put("commands", "+@all").put("keys", "~*").put("channels", "&*")
                .put("selectors", Reply.array(List.of())).build();
    }

    /** ACL CAT: the categories, or the commands and subcommands of this sentinel in one. */
    private static Reply cat(List<String> a) {
        if (a.size() == 2) {
            return Reply.array(CommandTable.ACL_CATEGORIES.stream().map(Reply::bulk).toList());
        }
        if (a.size() > 3) {
            return syntaxOrArity(a);
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
            return syntaxOrArity(a);
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

    private static Reply log(List<String> a) {
        if (a.size() > 3) {
            return syntaxOrArity(a);
        }
        if (a.size() == 3) {
            if (a.get(2).equalsIgnoreCase("reset")) {
                return Reply.OK;
            }
            try {
                Long.parseLong(a.get(2));
            } catch (NumberFormatException e) {
                return Reply.error("ERR value is not an integer or out of range");
            }
        }
        return Reply.array(List.of());
    }

    /** ACL DRYRUN: the default user may run every command; the command must exist and have its arity. */
    private static Reply dryrun(List<String> a) {
        if (!a.get(2).equals("default")) {
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
        return Reply.OK;
    }

    private static Reply syntaxOrArity(List<String> a) {
        return Reply.error("ERR unknown subcommand or wrong number of arguments for '" + a.get(1) + "'. Try "
                + a.get(0).toUpperCase(Locale.ROOT) + " HELP.");
    }

    private static Reply help() {
        List<Reply> out = new ArrayList<>();
        for (String l : HELP) {
            out.add(new Reply.Simple(l));
        }
        return Reply.array(out);
    }

    private static String trim(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
