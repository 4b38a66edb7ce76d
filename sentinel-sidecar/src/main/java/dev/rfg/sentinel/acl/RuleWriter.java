package dev.rfg.sentinel.acl;

import dev.rfg.sentinel.acl.CommandCatalog.Cmd;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Describes a selector as rules that recreate it (ACL LIST, GETUSER, the config rewrite), the way stock 7.0 does:
 * {@code +@all} or {@code -@all} (by the "future commands" bit), then greedily the categories that bring the
 * state closest, then the single commands still different, then the allowed first arguments. The state the rules
 * give is checked to be exactly the selector's.
 */
final class RuleWriter {
    private RuleWriter() {}

    /** The selector's key, channel and command rules ({@code ~* &* +@all}). */
    static String describe(Selector s) {
        StringJoiner out = new StringJoiner(" ");
        if (s.allKeys) {
            out.add("~*");
        } else {
            s.keys.forEach(k -> out.add(keyRule(k)));
        }
        if (s.allChannels) {
            out.add("&*");
        } else {
            out.add("resetchannels");
            s.channels.forEach(c -> out.add("&" + c));
        }
        out.add(commandRules(s));
        return out.toString();
    }

    static String keyRule(Selector.KeyPattern k) {
        String prefix = switch (k.flags) {
            case Selector.READ -> "%R~";
            case Selector.WRITE -> "%W~";
            default -> "~";
        };
        return prefix + k.pattern;
    }

    /** ACL GETUSER's {@code keys}: the patterns separated by spaces, {@code ~*} for all keys. */
    static String keys(Selector s) {
        if (s.allKeys) {
            return "~*";
        }
        StringJoiner j = new StringJoiner(" ");
        s.keys.forEach(k -> j.add(keyRule(k)));
        return j.toString();
    }

    /** ACL GETUSER's {@code channels}. */
    static String channels(Selector s) {
        if (s.allChannels) {
            return "&*";
        }
        StringJoiner j = new StringJoiner(" ");
        s.channels.forEach(c -> j.add("&" + c));
        return j.toString();
    }

    static String commandRules(Selector s) {
        CommandCatalog catalog = s.catalog;
        List<String> rules = new ArrayList<>();
        boolean additive = !s.future;
        Selector fake = new Selector(catalog);
        String base = additive ? "-@all" : "+@all";
        rules.add(base);
        applyQuietly(fake, base);
        // The categories, best fit first: more commands in common than not, fewest differences.
        Selector remaining = s.copy();
        List<String> categories = catalog.categories();
        boolean[] applied = new boolean[categories.size()];
        while (true) {
            int best = -1;
            long minDiff = Long.MAX_VALUE;
            long maxSame = 0;
            for (int j = 0; j < categories.size(); j++) {
                if (applied[j]) {
                    continue;
                }
                long on = 0;
                long off = 0;
                for (Cmd c : catalog.all()) {
                    if (c.categories.contains(categories.get(j))) {
                        if (remaining.allowed.get(c.id)) {
                            on++;
                        } else {
                            off++;
                        }
                    }
                }
                long diff = additive ? off : on;
                long same = additive ? on : off;
                if (same > diff && (diff < minDiff || (diff == minDiff && same > maxSame))) {
                    best = j;
                    minDiff = diff;
                    maxSame = same;
                }
            }
            if (best < 0) {
                break;
            }
            fake.setCategory(categories.get(best), additive);
            remaining.setCategory(categories.get(best), !additive);
            rules.add((additive ? "+@" : "-@") + categories.get(best));
            applied[best] = true;
        }
        for (Cmd c : catalog.commands()) {
            singleCommands(s, fake, c, rules);
        }
        if (!fake.allowed.equals(s.allowed)) {
            throw new IllegalStateException("ACL rules " + rules + " do not give the selector's commands");
        }
        return String.join(" ", rules);
    }

    private static void singleCommands(Selector s, Selector fake, Cmd c, List<String> rules) {
        boolean user = s.allowed.get(c.id);
        if (user != fake.allowed.get(c.id)) {
            rules.add((user ? "+" : "-") + c.name);
            fake.change(c, user);
        }
        for (Cmd sub : c.subcommands) {
            singleCommands(s, fake, sub, rules);
        }
        List<String> args = s.firstArgs.get(c.id);
        if (!user && args != null) {
            args.forEach(a -> rules.add("+" + c.name + "|" + a));
        }
    }

    private static void applyQuietly(Selector s, String rule) {
        try {
            s.apply(rule);
        } catch (RuleError.Refused e) {
            throw new IllegalStateException(e);
        }
    }
}
