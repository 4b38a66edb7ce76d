package dev.rfg.sentinel.server;

import dev.rfg.sentinel.acl.CommandCatalog;

import java.util.List;

/** The sentinel's command table as ACL rules see it: names, categories, no_auth, channel arguments. */
public final class AclCatalog {
    public static final CommandCatalog SENTINEL = build();

    private AclCatalog() {}

    private static CommandCatalog build() {
        CommandCatalog c = new CommandCatalog(CommandTable.ACL_CATEGORIES, (p, s) -> Glob.matches(p, s, false));
        for (CommandTable.Entry e : CommandTable.all()) {
            c.add(e.name(), e.aclCategories().stream().map(x -> x.substring(1)).toList(), e.hasFlag("no_auth"),
                    switch (e.name()) {
                        case "subscribe" -> CommandCatalog.Channels.SUBSCRIBE;
                        case "psubscribe" -> CommandCatalog.Channels.PSUBSCRIBE;
                        case "publish" -> CommandCatalog.Channels.PUBLISH;
                        default -> CommandCatalog.Channels.NONE;
                    });
        }
        // RFG's own subcommand, absent from stock's table (and so from COMMAND), named by ACL rules all the same:
        // a data user must not start a switchover.
        c.add("sentinel|" + SentinelCommand.SWITCHOVER, List.of("admin", "slow", "dangerous"), false,
                CommandCatalog.Channels.NONE);
        return c;
    }

    /** The catalog entry of a table entry (same full name). */
    static CommandCatalog.Cmd of(CommandTable.Entry e) {
        return SENTINEL.lookup(e.name());
    }

    /** The entry of {@code fullName} when the catalog has one (RFG's subcommands), else the table entry's. */
    static CommandCatalog.Cmd of(CommandTable.Entry e, String fullName) {
        CommandCatalog.Cmd own = SENTINEL.lookup(fullName);
        return own != null ? own : of(e);
    }
}
