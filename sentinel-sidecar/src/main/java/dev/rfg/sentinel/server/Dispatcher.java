package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Looks up a command and its subcommand, checks arity, authentication and ACL permissions, Pub/Sub context and
 * CLIENT PAUSE, and runs it: processCommand and call() of server.c, in their order.
 */
public final class Dispatcher {
    /** What a RESP2 client may run while subscribed (QUIT is handled before; RESET is no sentinel command). */
    private static final Set<String> PUBSUB_ALLOWED =
            Set.of("subscribe", "psubscribe", "unsubscribe", "punsubscribe", "ping");
    private final Map<String, CommandSpec> table = new LinkedHashMap<>();
    private final ServerContext ctx;

    public Dispatcher(ServerContext ctx) {
        this.ctx = ctx;
        ServerCommands.register(this, ctx);
        ClientCommand.register(this, ctx);
        PubSubCommands.register(this, ctx);
        SentinelCommand.register(this, ctx);
        if (!table.keySet().equals(CommandTable.commands().keySet())) {
            throw new IllegalStateException("handlers " + table.keySet() + " do not match the command table");
        }
    }

    void add(String name, Command handler) {
        add(name, handler, Map.of());
    }

    void add(String name, Command handler, Map<String, Integer> unlisted) {
        CommandTable.Entry meta = CommandTable.lookup(name);
        if (meta == null) {
            throw new IllegalArgumentException("not a sentinel command: " + name);
        }
        table.put(name, new CommandSpec(meta, handler, unlisted));
    }

    /** addReplySubcommandSyntaxError: a subcommand whose arguments the handler cannot take. */
    static Reply syntaxOrArity(List<String> a) {
        return Reply.error("ERR unknown subcommand or wrong number of arguments for '" + a.get(1) + "'. Try "
                + a.get(0).toUpperCase(Locale.ROOT) + " HELP.");
    }

    Map<String, CommandSpec> table() {
        return table;
    }

    public void dispatch(ClientSession c, List<String> args) {
        c.lastInteraction = System.currentTimeMillis();
        // A client with a held command reads nothing more until it ran (a blocked client, in stock).
        if (!c.postponed.isEmpty() || !run(c, args)) {
            postpone(c, args);
            return;
        }
        afterCommand(c, args);
    }

    /** Runs the command; false if CLIENT PAUSE holds it (nothing was done or replied then). */
    private boolean run(ClientSession c, List<String> args) {
        String name = args.get(0).toLowerCase(Locale.ROOT);
        if (name.equals("quit")) {
            // Not a sentinel command in 7.0 (stock: unknown command); answered as redis-server does.
            c.replyAndFlush(Reply.OK);
            c.channel.close();
            return true;
        }
        CommandSpec spec = table.get(name);
        if (spec == null) {
            c.lastCommand = "NULL";
            c.reply(Reply.error(unknownCommand(args)));
            return true;
        }
        CommandTable.Entry cmd = spec.meta();
        String fullName = name;
        int arity = cmd.arity();
        if (!cmd.subcommands().isEmpty() && args.size() >= 2) {
            String sub = args.get(1).toLowerCase(Locale.ROOT);
            fullName = name + "|" + sub;
            CommandTable.Entry subEntry = cmd.subcommands().get(fullName);
            Integer unlistedArity = spec.unlisted().get(sub);
            if (subEntry != null) {
                cmd = subEntry;
                arity = cmd.arity();
            } else if (unlistedArity != null) {
                arity = unlistedArity;
            } else {
                c.lastCommand = "NULL";
                c.reply(Reply.error("ERR unknown subcommand '" + trim(args.get(1), 128) + "'. Try "
                        + args.get(0).toUpperCase(Locale.ROOT) + " HELP."));
                return true;
            }
        }
        c.lastCommand = fullName;
        if (arity > 0 ? args.size() != arity : args.size() < -arity) {
            c.reply(Reply.error("ERR wrong number of arguments for '" + fullName + "' command"));
            return true;
        }
        Reply refused = AccessGuard.check(ctx, c, cmd, fullName, args);
        if (refused != null) {
            c.reply(refused);
            return true;
        }
        if (c.inPubSub() && c.protocol == 2 && !PUBSUB_ALLOWED.contains(name)) {
            c.reply(Reply.error("ERR Can't execute '" + fullName + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE "
                    + "/ PING / QUIT / RESET are allowed in this context"));
            return true;
        }
        // PAUSE WRITE holds the commands that may replicate: of a sentinel's, only PUBLISH (its may_replicate flag
        // is one COMMAND INFO does not show).
        if (ctx.paused(System.currentTimeMillis()) && (ctx.pauseAll || name.equals("publish"))) {
            return false;
        }
        Reply reply = spec.handler().execute(c, args);
        ctx.totalCommands++; // after it ran, as call() counts: INFO does not count itself
        if (reply != null) {
            c.reply(reply);
        }
        return true;
    }

    /** resetClient: CLIENT REPLY SKIP covers the next command; CLIENT CACHING the next non-CLIENT one. */
    private static void afterCommand(ClientSession c, List<String> args) {
        c.replySkip = false;
        if (c.replySkipNext) {
            c.replySkip = true;
            c.replySkipNext = false;
        }
        if (!args.get(0).equalsIgnoreCase("client")) {
            c.trackingCaching = false;
        }
    }

    private void postpone(ClientSession c, List<String> args) {
        boolean first = c.postponed.isEmpty();
        c.postponed.add(args);
        if (first) {
            c.channel.config().setAutoRead(false);
            schedulePauseCheck(ctx.pauseEnd - System.currentTimeMillis());
        }
    }

    /** Starts (or extends) a pause and arms the timer that ends it. */
    void pause(long end, boolean all) {
        if (!ctx.paused(System.currentTimeMillis())) {
            ctx.pauseAll = false;
        }
        ctx.pauseAll |= all;
        ctx.pauseEnd = Math.max(ctx.pauseEnd, end);
        schedulePauseCheck(ctx.pauseEnd - System.currentTimeMillis());
    }

    void unpause() {
        ctx.pauseEnd = 0;
        ctx.pauseAll = false;
        ctx.sentinel.loop.execute(this::releasePostponed);
    }

    private void schedulePauseCheck(long delayMs) {
        ctx.sentinel.loop.schedule(this::releasePostponed, Math.max(1, delayMs), TimeUnit.MILLISECONDS);
    }

    /** Runs what the pause held, in order, once it is over (commands still held stay queued). */
    private void releasePostponed() {
        long now = System.currentTimeMillis();
        if (ctx.paused(now)) {
            if (ctx.clients.values().stream().anyMatch(x -> !x.postponed.isEmpty())) {
                schedulePauseCheck(ctx.pauseEnd - now);
            }
            return;
        }
        boolean stillHeld = false;
        for (ClientSession c : List.copyOf(ctx.clients.values())) {
            boolean ran = false;
            while (!c.postponed.isEmpty() && c.channel.isActive()) {
                List<String> args = c.postponed.peek();
                if (!run(c, args)) {
                    stillHeld = true;
                    break;
                }
                ran = true;
                c.postponed.poll();
                afterCommand(c, args);
            }
            if (ran && c.postponed.isEmpty() && c.channel.isActive()) {
                c.channel.config().setAutoRead(true);
            }
            if (ran) {
                c.channel.flush();
            }
        }
        if (stillHeld) {
            schedulePauseCheck(ctx.pauseEnd - System.currentTimeMillis());
        }
    }

    static String unknownCommand(List<String> args) {
        StringBuilder sb = new StringBuilder("ERR unknown command '").append(trim(args.get(0), 128))
                .append("', with args beginning with: ");
        int argsLen = 0;
        for (int i = 1; i < args.size() && argsLen < 128; i++) {
            String a = trim(args.get(i), 128 - argsLen);
            sb.append('\'').append(a).append("' ");
            argsLen += a.length() + 3;
        }
        return sb.toString();
    }

    private static String trim(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
