package dev.rfg.sentinel.acl;

import dev.rfg.sentinel.acl.RuleError.Refused;
import dev.rfg.sentinel.config.ConfigTokenizer;

import java.util.List;
import java.util.Locale;

/**
 * One rule applied to a {@link User} (ACLSetUser): {@code on off nopass resetpass >pass <pass #hash !hash
 * skip-sanitize-payload sanitize-payload (selector) clearselectors reset}; anything else is a rule of the root
 * selector. An empty rule does nothing.
 */
final class UserRules {
    private UserRules() {}

    static void apply(User u, String op) throws Refused {
        if (op.isEmpty()) {
            return;
        }
        char first = op.charAt(0);
        switch (op.toLowerCase(Locale.ROOT)) {
            case "on" -> u.enabled = true;
            case "off" -> u.enabled = false;
            case "skip-sanitize-payload" -> {
                u.skipSanitize = true;
                u.sanitize = false;
            }
            case "sanitize-payload" -> {
                u.skipSanitize = false;
                u.sanitize = true;
            }
            case "nopass" -> {
                u.nopass = true;
                u.passwords.clear();
            }
            case "resetpass" -> {
                u.nopass = false;
                u.passwords.clear();
            }
            case "clearselectors" -> u.selectors.subList(1, u.selectors.size()).clear();
            case "reset" -> reset(u);
            default -> {
                if (first == '>' || first == '#') {
                    String hash = first == '>' ? Passwords.hash(op.substring(1)) : checkedHash(op);
                    if (!u.passwords.contains(hash)) {
                        u.passwords.add(hash);
                    }
                    u.nopass = false;
                } else if (first == '<' || first == '!') {
                    String hash = first == '<' ? Passwords.hash(op.substring(1)) : checkedHash(op);
                    if (!u.passwords.remove(hash)) {
                        throw new Refused(RuleError.NO_SUCH_PASSWORD);
                    }
                } else if (first == '(' && op.charAt(op.length() - 1) == ')') {
                    u.selectors.add(selector(u, op.substring(1, op.length() - 1)));
                } else {
                    u.root().apply(op);
                }
            }
        }
    }

    private static String checkedHash(String op) throws Refused {
        String hash = op.substring(1);
        if (!Passwords.isHash(hash)) {
            throw new Refused(RuleError.BAD_HASH);
        }
        return hash;
    }

    private static Selector selector(User u, String body) throws Refused {
        Selector s = new Selector(u.catalog());
        List<String> ops = ConfigTokenizer.split(body);
        // Stock's split of the body: unbalanced quotes give no rules at all (and no error).
        for (String op : ops == null ? List.<String>of() : ops) {
            s.apply(op);
        }
        return s;
    }

    /** The state of a new user: off, no passwords, no keys, no channels, no commands, no selectors. */
    private static void reset(User u) throws Refused {
        u.nopass = false;
        u.passwords.clear();
        Selector r = u.root();
        r.apply("resetkeys");
        r.apply("resetchannels");
        u.enabled = false;
        u.skipSanitize = false;
        u.sanitize = true;
        u.selectors.subList(1, u.selectors.size()).clear();
        r.apply("-@all");
    }
}
