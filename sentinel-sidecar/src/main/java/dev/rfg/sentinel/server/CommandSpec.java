package dev.rfg.sentinel.server;

import java.util.Map;

/**
 * A top-level command: its entry in the stock command table (arity, flags, subcommands, docs) and its handler,
 * which also runs its subcommands. {@code unlisted} are subcommands RFG accepts that stock 7.0 does not have
 * (name to arity counting the command and the subcommand): they are not in COMMAND's replies.
 */
record CommandSpec(CommandTable.Entry meta, Command handler, Map<String, Integer> unlisted) {
    String name() {
        return meta.name();
    }
}
