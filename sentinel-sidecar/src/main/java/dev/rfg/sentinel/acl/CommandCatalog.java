package dev.rfg.sentinel.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The commands ACL rules can name: each command and subcommand with its id (its bit in a {@link Selector}), its
 * ACL categories, whether it runs without authentication, and which of its arguments are Pub/Sub channels. The
 * order of {@link #commands()} is the order rules are described in. {@link #glob} matches a channel pattern
 * against a channel name (stock's stringmatch, case-sensitive).
 */
public final class CommandCatalog {
    /** How a command names channels: every argument after the name, or the first one only. */
    public enum Channels { NONE, SUBSCRIBE, PSUBSCRIBE, PUBLISH }

    /** One command ({@code ping}) or subcommand ({@code client|kill}); {@code name} is lower case. */
    public static final class Cmd {
        public final String name;
        public final int id;
        public final Set<String> categories;
        public final Cmd parent;
        public final List<Cmd> subcommands = new ArrayList<>();
        public final boolean noAuth;
        public final Channels channels;

        private Cmd(String name, int id, Set<String> categories, Cmd parent, boolean noAuth, Channels channels) {
            this.name = name;
            this.id = id;
            this.categories = categories;
            this.parent = parent;
            this.noAuth = noAuth;
            this.channels = channels;
        }
    }

    private final List<String> categories;
    private final BiPredicate<String, String> glob;
    private final List<Cmd> commands = new ArrayList<>();
    private final List<Cmd> all = new ArrayList<>();
    private final Map<String, Cmd> byName = new HashMap<>();

    /** {@code categories}: the category names without '@', in the order ACL CAT lists them. */
    public CommandCatalog(List<String> categories, BiPredicate<String, String> glob) {
        this.categories = List.copyOf(categories);
        this.glob = glob;
    }

    /** Whether the channel name matches the pattern. */
    public boolean matches(String pattern, String channel) {
        return glob.test(pattern, channel);
    }

    /** Adds a command, or a subcommand ({@code parent|sub}) of one added before. Categories without '@'. */
    public Cmd add(String fullName, Collection<String> cats, boolean noAuth, Channels channels) {
        String n = fullName.toLowerCase(Locale.ROOT);
        int bar = n.indexOf('|');
        Cmd parent = bar < 0 ? null : byName.get(n.substring(0, bar));
        if (bar >= 0 && parent == null) {
            throw new IllegalArgumentException("no parent for " + fullName);
        }
        Cmd c = new Cmd(n, all.size(), Set.copyOf(cats), parent, noAuth, channels);
        if (parent == null) {
            commands.add(c);
        } else {
            parent.subcommands.add(c);
        }
        all.add(c);
        byName.put(n, c);
        return c;
    }

    /**
     * A command by name, any case: {@code cmd} or {@code cmd|sub} where cmd has subcommands; null otherwise
     * (also for a name with more than one '|', as stock's lookup).
     */
    public Cmd lookup(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int bar = n.indexOf('|');
        if (bar >= 0) {
            Cmd parent = byName.get(n.substring(0, bar));
            if (parent == null || parent.subcommands.isEmpty() || n.indexOf('|', bar + 1) >= 0) {
                return null;
            }
        }
        return byName.get(n);
    }

    /** The top-level commands, in order. */
    public List<Cmd> commands() {
        return commands;
    }

    /** Every command and subcommand; its index in this list is its id. */
    public List<Cmd> all() {
        return all;
    }

    public List<String> categories() {
        return categories;
    }

    public boolean isCategory(String name) {
        return categories.contains(name.toLowerCase(Locale.ROOT));
    }
}
