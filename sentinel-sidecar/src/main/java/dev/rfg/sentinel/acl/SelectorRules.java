package dev.rfg.sentinel.acl;

import dev.rfg.sentinel.acl.CommandCatalog.Cmd;
import dev.rfg.sentinel.acl.RuleError.Refused;
import dev.rfg.sentinel.acl.Selector.KeyPattern;

import java.util.Locale;

/**
 * One rule applied to a {@link Selector} (ACLSetSelector): {@code allkeys ~pat %R~pat %W~pat resetkeys},
 * {@code allchannels &pat resetchannels}, {@code allcommands nocommands +@cat -@cat +cmd -cmd +cmd|sub -cmd|sub}
 * and {@code +cmd|firstarg} for a command without subcommands. Keywords in any case.
 */
final class SelectorRules {
    private SelectorRules() {}

    static void apply(Selector s, String op) throws Refused {
        if (op.isEmpty()) {
            throw new Refused(RuleError.SYNTAX);
        }
        String lower = op.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "allkeys", "~*" -> {
                s.allKeys = true;
                s.keys.clear();
            }
            case "resetkeys" -> {
                s.allKeys = false;
                s.keys.clear();
            }
            case "allchannels", "&*" -> {
                s.allChannels = true;
                s.channels.clear();
            }
            case "resetchannels" -> {
                s.allChannels = false;
                s.channels.clear();
            }
            case "allcommands", "+@all" -> s.setAll(true);
            case "nocommands", "-@all" -> s.setAll(false);
            default -> applyPattern(s, op);
        }
    }

    private static void applyPattern(Selector s, String op) throws Refused {
        char first = op.charAt(0);
        if (first == '~' || first == '%') {
            addKey(s, op);
        } else if (first == '&') {
            if (s.allChannels) {
                throw new Refused(RuleError.CHANNEL_AFTER_ALL);
            }
            String p = op.substring(1);
            checkNoSpaces(p);
            if (!s.channels.contains(p)) {
                s.channels.add(p);
            }
            s.allChannels = false;
        } else if ((first == '+' || first == '-') && op.length() > 1 && op.charAt(1) == '@') {
            String category = op.substring(2);
            if (!s.catalog.isCategory(category)) {
                throw new Refused(RuleError.UNKNOWN_COMMAND);
            }
            s.setCategory(category.toLowerCase(Locale.ROOT), first == '+');
        } else if (first == '+' && op.indexOf('|') >= 0) {
            allowWithFirstArg(s, op.substring(1));
        } else if (first == '+' || first == '-') {
            Cmd cmd = s.catalog.lookup(op.substring(1));
            if (cmd == null) {
                throw new Refused(RuleError.UNKNOWN_COMMAND);
            }
            s.change(cmd, first == '+');
        } else {
            throw new Refused(RuleError.SYNTAX);
        }
    }

    private static void addKey(Selector s, String op) throws Refused {
        if (s.allKeys) {
            throw new Refused(RuleError.KEY_AFTER_ALL);
        }
        int flags = Selector.ALL;
        int offset = 1;
        if (op.charAt(0) == '%') {
            flags = 0;
            boolean ok = true;
            for (; offset < op.length(); offset++) {
                char c = Character.toUpperCase(op.charAt(offset));
                if (c == 'R' && (flags & Selector.READ) == 0) {
                    flags |= Selector.READ;
                } else if (c == 'W' && (flags & Selector.WRITE) == 0) {
                    flags |= Selector.WRITE;
                } else if (c == '~') {
                    offset++;
                    break;
                } else {
                    ok = false;
                    break;
                }
            }
            if (flags == 0 || !ok) {
                throw new Refused(RuleError.SYNTAX);
            }
        }
        String p = op.substring(Math.min(offset, op.length()));
        checkNoSpaces(p);
        KeyPattern same = s.keys.stream().filter(k -> k.pattern.equals(p)).findFirst().orElse(null);
        if (same == null) {
            s.keys.add(new KeyPattern(p, flags));
        } else {
            same.flags |= flags;
        }
        s.allKeys = false;
    }

    /** {@code +cmd|sub}: a subcommand, or a first argument of a command that has no subcommands. */
    private static void allowWithFirstArg(Selector s, String spec) throws Refused {
        int bar = spec.lastIndexOf('|');
        Cmd cmd = s.catalog.lookup(spec.substring(0, bar));
        String sub = spec.substring(bar + 1);
        if (cmd == null) {
            throw new Refused(RuleError.UNKNOWN_COMMAND);
        }
        if (cmd.parent != null) {
            throw new Refused(RuleError.SUBCOMMAND_FIRST_ARG);
        }
        if (sub.isEmpty()) {
            throw new Refused(RuleError.SYNTAX);
        }
        if (!cmd.subcommands.isEmpty()) {
            Cmd subCmd = s.catalog.lookup(spec);
            if (subCmd == null) {
                throw new Refused(RuleError.UNKNOWN_COMMAND);
            }
            s.change(subCmd, true);
            return;
        }
        s.allowFirstArg(cmd, sub);
    }

    private static void checkNoSpaces(String text) throws Refused {
        if (text.chars().anyMatch(c -> Character.isWhitespace(c) || c == 0)) {
            throw new Refused(RuleError.SYNTAX);
        }
    }
}
