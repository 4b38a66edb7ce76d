package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** COMMAND, COMMAND COUNT|LIST|DOCS|INFO. */
final class CommandCommand {
    private CommandCommand() {}

    static Reply execute(Dispatcher d, ClientSession c, List<String> a) {
        if (a.size() == 1) {
            List<Reply> all = new ArrayList<>();
            d.table().values().forEach(s -> all.add(info(s)));
            return Reply.array(all);
        }
        String sub = a.get(1).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "count" -> {
                return Reply.integer(d.table().size());
            }
            case "list" -> {
                List<Reply> names = new ArrayList<>();
                for (CommandSpec s : d.table().values()) {
                    names.add(Reply.bulk(s.name()));
                    s.subcommands().forEach(x -> names.add(Reply.bulk(s.name() + "|" + x)));
                }
                return Reply.array(names);
            }
            case "info" -> {
                List<Reply> out = new ArrayList<>();
                for (String n : a.subList(2, a.size())) {
                    CommandSpec s = d.table().get(n.toLowerCase(Locale.ROOT));
                    out.add(s == null ? Reply.NULL_ARRAY : info(s));
                }
                return Reply.array(out);
            }
            case "docs" -> {
                Reply.MapBuilder m = Reply.map();
                for (CommandSpec s : d.table().values()) {
                    if (a.size() > 2 && a.subList(2, a.size()).stream().noneMatch(x -> x.equalsIgnoreCase(s.name()))) {
                        continue;
                    }
                    m.put(s.name(), Reply.map().put("summary", s.summary()).put("since", "1.0.0")
                            .put("group", s.group()).build());
                }
                return m.build();
            }
            case "help" -> {
                return Reply.array(List.of(new Reply.Simple("COMMAND <subcommand> [<arg> [value] [opt] ...]. "
                        + "Subcommands are: COUNT, LIST, DOCS, INFO, HELP")));
            }
            default -> {
                return Reply.error("ERR unknown subcommand '" + a.get(1) + "'. Try COMMAND HELP.");
            }
        }
    }

    private static Reply info(CommandSpec s) {
        List<Reply> flags = new ArrayList<>();
        s.flags().forEach(f -> flags.add(new Reply.Simple(f)));
        return Reply.array(List.of(Reply.bulk(s.name()), Reply.integer(s.arity()), Reply.array(flags),
                Reply.integer(0), Reply.integer(0), Reply.integer(0), Reply.array(List.of()), Reply.array(List.of()),
                Reply.array(List.of()), Reply.array(List.of())));
    }
}
