package dev.rfg.sentinel.acl;

import dev.rfg.sentinel.acl.CommandCatalog.Cmd;
import dev.rfg.sentinel.acl.RuleError.Refused;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a set of rules allows: commands (a bit per command id, plus the "future commands" bit that only
 * {@code +@all} sets, and first arguments allowed of otherwise blocked commands), key patterns and channel
 * patterns. A user has a root selector and may have more, written {@code (...)}. Rules ({@link SelectorRules})
 * apply in order, each changing the state left by the ones before, as in stock's ACLSetSelector.
 */
final class Selector {
    static final int READ = 1;
    static final int WRITE = 2;
    static final int ALL = READ | WRITE;

    /** A key pattern and whether it is for reading, writing or both ({@code %R~}, {@code %W~}, {@code ~}). */
    static final class KeyPattern {
        final String pattern;
        int flags;

        KeyPattern(String pattern, int flags) {
            this.pattern = pattern;
            this.flags = flags;
        }
    }

    final CommandCatalog catalog;
    final BitSet allowed = new BitSet();
    boolean future;
    boolean allCommands;
    /** Command id to the first arguments allowed although the command is not ({@code +select|0}). */
    final Map<Integer, List<String>> firstArgs = new HashMap<>();
    boolean allKeys;
    final List<KeyPattern> keys = new ArrayList<>();
    boolean allChannels;
    final List<String> channels = new ArrayList<>();

    Selector(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    Selector copy() {
        Selector s = new Selector(catalog);
        s.copyFrom(this);
        return s;
    }

    void copyFrom(Selector o) {
        allowed.clear();
        allowed.or(o.allowed);
        future = o.future;
        allCommands = o.allCommands;
        firstArgs.clear();
        o.firstArgs.forEach((id, l) -> firstArgs.put(id, new ArrayList<>(l)));
        allKeys = o.allKeys;
        keys.clear();
        o.keys.forEach(k -> keys.add(new KeyPattern(k.pattern, k.flags)));
        allChannels = o.allChannels;
        channels.clear();
        channels.addAll(o.channels);
    }

    void apply(String op) throws Refused {
        SelectorRules.apply(this, op);
    }

    /** Allows a first argument of a command that is otherwise refused (case-insensitive, once). */
    void allowFirstArg(Cmd cmd, String arg) {
        List<String> l = firstArgs.computeIfAbsent(cmd.id, id -> new ArrayList<>());
        if (l.stream().noneMatch(a -> a.equalsIgnoreCase(arg))) {
            l.add(arg);
        }
    }

    void setAll(boolean on) {
        if (on) {
            allowed.set(0, catalog.all().size());
        } else {
            allowed.clear();
        }
        future = on;
        allCommands = on;
        firstArgs.clear();
    }

    /** A category: every command in it, with all its subcommands, then each subcommand in it. */
    void setCategory(String category, boolean on) {
        for (Cmd c : catalog.all()) {
            if (c.categories.contains(category)) {
                change(c, on);
            }
        }
    }

    /** ACLChangeSelectorPerm: the command and all its subcommands; its first arguments are forgotten. */
    void change(Cmd cmd, boolean on) {
        setBit(cmd.id, on);
        firstArgs.remove(cmd.id);
        cmd.subcommands.forEach(s -> setBit(s.id, on));
    }

    private void setBit(int id, boolean on) {
        allowed.set(id, on);
        if (!on) {
            allCommands = false;
        }
    }
}
