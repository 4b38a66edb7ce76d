package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Looks up a command, checks arity, authentication and Pub/Sub context, and runs it. */
public final class Dispatcher {
    private static final Set<String> PUBSUB_ALLOWED =
            Set.of("subscribe", "psubscribe", "unsubscribe", "punsubscribe", "ping", "quit", "reset");
    private final Map<String, CommandSpec> table = new LinkedHashMap<>();
    private final ServerContext ctx;

    public Dispatcher(ServerContext ctx) {
        this.ctx = ctx;
        ServerCommands.register(this, ctx);
        ClientCommand.register(this, ctx);
        PubSubCommands.register(this, ctx);
        SentinelCommand.register(this, ctx);
    }

    void add(CommandSpec spec) {
        table.put(spec.name(), spec);
    }

    public Map<String, CommandSpec> table() {
        return table;
    }

    public void dispatch(ClientSession c, List<String> args) {
        ctx.totalCommands++;
        String name = args.get(0).toLowerCase(Locale.ROOT);
        if (name.equals("quit")) {
            c.replyAndFlush(Reply.OK);
            c.channel.close();
            return;
        }
        CommandSpec spec = table.get(name);
        if (spec == null) {
            c.reply(Reply.error(unknownCommand(args)));
            return;
        }
        c.lastCommand = name;
        if (!spec.arityOk(args.size())) {
            c.reply(Reply.error("ERR wrong number of arguments for '" + name + "' command"));
            return;
        }
        if (ctx.sentinel.config.requirepass != null && !c.authenticated
                && !name.equals("auth") && !name.equals("hello")) {
            c.reply(Reply.error("NOAUTH Authentication required."));
            return;
        }
        if (c.inPubSub() && c.protocol == 2 && !PUBSUB_ALLOWED.contains(name)) {
            c.reply(Reply.error("ERR Can't execute '" + name + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE "
                    + "/ PING / QUIT / RESET are allowed in this context"));
            return;
        }
        Reply reply = spec.handler().execute(c, args);
        if (reply != null) {
            c.reply(reply);
        }
    }

    static String unknownCommand(List<String> args) {
        StringBuilder sb = new StringBuilder("ERR unknown command '").append(trim(args.get(0)))
                .append("', with args beginning with: ");
        for (int i = 1; i < args.size() && sb.length() < 128; i++) {
            sb.append('\'').append(trim(args.get(i))).append("' ");
        }
        return sb.toString();
    }

    private static String trim(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }
}
