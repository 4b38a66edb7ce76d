package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** COMMAND and COMMAND COUNT|LIST|INFO|DOCS|GETKEYS|GETKEYSANDFLAGS|HELP, from the stock {@link CommandTable}. */
final class CommandCommand {
    private static final String[] HELP = {
        "COMMAND [<subcommand> [<argument> ...]], where <subcommand> is one of:",
        "(none)",
        "    Describes every command of this sentinel, as COMMAND INFO does.",
        "COUNT",
        "    How many commands this sentinel has, not counting subcommands.",
        "DOCS [<command-name> ...]",
        "    The documentation of the named commands, or of all of them.",
        "GETKEYS <command> [<arg> ...]",
        "    The key arguments of the command line (no sentinel command has any).",
        "GETKEYSANDFLAGS <command> [<arg> ...]",
        "    The same, with how the command uses each key.",
        "INFO [<command-name> ...]",
        "    Arity, flags, ACL categories, tips and subcommands of the named commands,",
        "    or of all of them.",
        "LIST [FILTERBY MODULE <module-name> | ACLCAT <category> | PATTERN <pattern>]",
        "    The names of the commands and subcommands, all or those the filter keeps.",
        "HELP",
        "    This list."};

    private CommandCommand() {}

    static Reply execute(List<String> a) {
        if (a.size() == 1) {
            return allInfo();
        }
        return switch (a.get(1).toLowerCase(Locale.ROOT)) {
            case "count" -> Reply.integer(CommandTable.commands().size());
            case "list" -> list(a);
            case "info" -> {
                if (a.size() == 2) {
                    yield allInfo();
                }
                List<Reply> out = new ArrayList<>();
                for (String n : a.subList(2, a.size())) {
                    CommandTable.Entry e = CommandTable.lookup(n);
                    out.add(e == null ? Reply.NULL_BULK : e.info());
                }
                yield Reply.array(out);
            }
            case "docs" -> docs(a);
            case "getkeys", "getkeysandflags" -> getkeys(a);
            default -> help();
        };
    }

    private static Reply allInfo() {
        return Reply.array(CommandTable.commands().values().stream().map(CommandTable.Entry::info).toList());
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN glob]: full names, subcommands included. */
    private static Reply list(List<String> a) {
        java.util.function.Predicate<CommandTable.Entry> filter = e -> true;
        if (a.size() == 5 && a.get(2).equalsIgnoreCase("filterby")) {
            String arg = a.get(4);
            switch (a.get(3).toLowerCase(Locale.ROOT)) {
                case "module" -> filter = e -> false;
                case "aclcat" -> filter = e -> e.aclCategories().contains("@" + arg.toLowerCase(Locale.ROOT));
                case "pattern" -> filter = e -> Glob.matches(arg, e.name(), true);
                default -> {
                    return Reply.error("ERR syntax error");
                }
            }
        } else if (a.size() != 2) {
            return Reply.error("ERR syntax error");
        }
        return Reply.array(CommandTable.all().stream().filter(filter).map(e -> Reply.bulk(e.name())).toList());
    }

    private static Reply docs(List<String> a) {
        Reply.MapBuilder m = Reply.map();
        if (a.size() == 2) {
            CommandTable.commands().values().forEach(e -> m.put(e.name(), e.docsWithSubcommands()));
            return m.build();
        }
        for (String n : a.subList(2, a.size())) {
            CommandTable.Entry e = CommandTable.lookup(n);
            if (e != null) {
                m.put(e.name(), e.docsWithSubcommands());
            }
        }
        return m.build();
    }

    /** No sentinel command has keys, so stock answers this before it checks the arity. */
    private static Reply getkeys(List<String> a) {
        List<String> cmd = a.subList(2, a.size());
        CommandTable.Entry e = CommandTable.lookup(cmd.get(0));
        if (e != null && cmd.get(0).contains("|")) {
            e = null;
        }
        if (e != null && !e.subcommands().isEmpty() && cmd.size() >= 2) {
            e = e.subcommands().get(e.name() + "|" + cmd.get(1).toLowerCase(Locale.ROOT));
        }
        return Reply.error(e == null ? "ERR Invalid command specified" : "ERR The command has no key arguments");
    }

    private static Reply help() {
        return Reply.simples(HELP);
    }
}
