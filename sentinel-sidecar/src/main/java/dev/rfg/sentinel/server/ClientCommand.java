package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CLIENT and its 16 subcommands of 7.0 (clientCommand in networking.c), plus SETINFO (7.2, accepted because
 * clients send it). Arity and unknown subcommands are checked by the {@link Dispatcher}.
 */
final class ClientCommand {
    private static final Reply SYNTAX = Reply.error("ERR syntax error");
    private static final String[] HELP = {
        "CLIENT <subcommand> [<argument> ...], where <subcommand> is one of:",
        "CACHING YES|NO",
        "    With OPTIN or OPTOUT tracking: whether to track the keys the next command reads.",
        "GETNAME",
        "    The name of this connection.",
        "GETREDIR",
        "    The id of the client that gets this connection's tracking messages",
        "    (0: this one, -1: tracking is off).",
        "ID",
        "    The id of this connection.",
        "INFO",
        "    This connection, described as a CLIENT LIST line.",
        "KILL <ip:port>",
        "    Closes the connection that comes from <ip:port>.",
        "KILL <filter> <value> [<filter> <value> ...]",
        "    Closes the connections that pass every filter and returns how many. Filters:",
        "    ID <client-id>, ADDR <ip:port>, LADDR <ip:port> (the local end),",
        "    TYPE NORMAL|MASTER|REPLICA|PUBSUB, USER <username>,",
        "    SKIPME YES|NO (whether to spare this connection, YES unless told).",
        "LIST [TYPE NORMAL|MASTER|REPLICA|PUBSUB | ID <client-id> [<client-id> ...]]",
        "    One line per connection: all of them, those of one type, or those with the ids.",
        "NO-EVICT ON|OFF",
        "    Whether this connection may be evicted (accepted; nothing is evicted here).",
        "PAUSE <milliseconds> [WRITE|ALL]",
        "    Holds the commands of all clients (ALL, the default) or their writes only (WRITE).",
        "REPLY ON|OFF|SKIP",
        "    Turns replies to this connection on or off, or drops the next one only.",
        "SETINFO LIB-NAME|LIB-VER <value>",
        "    Records the client library's name or version (from 7.2; accepted for clients).",
        "SETNAME <name>",
        "    Names this connection (printable characters, no spaces).",
        "TRACKING ON|OFF [REDIRECT <client-id>] [BCAST] [PREFIX <prefix> ...]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Turns invalidation messages for client-side caching on or off.",
        "TRACKINGINFO",
        "    The tracking flags, redirect and prefixes of this connection.",
        "UNBLOCK <client-id> [TIMEOUT|ERROR]",
        "    Wakes a client waiting in a blocking command; nothing waits on a sentinel, so 0.",
        "UNPAUSE",
        "    Ends a CLIENT PAUSE.",
        "HELP",
        "    This list."};

    private ClientCommand() {}

    static void register(Dispatcher d, ServerContext ctx) {
        d.add("client", (c, a) -> execute(d, ctx, c, a), Map.of("setinfo", 4));
    }

    static Reply execute(Dispatcher d, ServerContext ctx, ClientSession c, List<String> a) {
        String sub = a.get(1).toLowerCase(Locale.ROOT);
        return switch (sub) {
            case "setname" -> {
                if (!validName(a.get(2))) {
                    yield Reply.error("ERR Client names cannot contain spaces, newlines or special characters.");
                }
                c.name = a.get(2);
                yield Reply.OK;
            }
            case "getname" -> c.name.isEmpty() ? Reply.NULL_BULK : Reply.bulk(c.name);
            case "setinfo" -> setinfo(c, a);
            case "id" -> Reply.integer(c.id);
            case "info" -> new Reply.Verbatim(line(c) + "\n");
            case "list" -> list(ctx, a);
            case "kill" -> kill(ctx, c, a);
            case "getredir" -> Reply.integer(c.tracking ? c.trackingRedirect : -1);
            case "tracking" -> tracking(ctx, c, a);
            case "trackinginfo" -> trackingInfo(c);
            case "caching" -> caching(c, a);
            case "no-evict" -> {
                String v = a.get(2).toLowerCase(Locale.ROOT);
                if (!v.equals("on") && !v.equals("off")) {
                    yield SYNTAX;
                }
                c.noEvict = v.equals("on");
                yield Reply.OK;
            }
            case "reply" -> reply(c, a);
            case "pause" -> pause(d, a);
            case "unpause" -> {
                d.unpause();
                yield Reply.OK;
            }
            case "unblock" -> unblock(a);
            default -> help();
        };
    }

    static boolean validName(String name) {
        return name.chars().allMatch(ch -> ch >= '!' && ch <= '~');
    }

    private static Reply setinfo(ClientSession c, List<String> a) {
        String attr = a.get(2).toLowerCase(Locale.ROOT);
        if (attr.equals("lib-name")) {
            c.libName = a.get(3);
        } else if (attr.equals("lib-ver")) {
            c.libVersion = a.get(3);
        } else {
            return Reply.error("ERR Unrecognized option '" + a.get(2) + "'");
        }
        return Reply.OK;
    }

    private static Reply list(ServerContext ctx, List<String> a) {
        StringBuilder sb = new StringBuilder();
        if (a.size() == 4 && a.get(2).equalsIgnoreCase("type")) {
            String type = clientType(a.get(3));
            if (type == null) {
                return Reply.error("ERR Unknown client type '" + a.get(3) + "'");
            }
            for (ClientSession x : ctx.clients.values()) {
                if (type.equals(typeOf(x))) {
                    sb.append(line(x)).append('\n');
                }
            }
        } else if (a.size() > 3 && a.get(2).equalsIgnoreCase("id")) {
            for (String v : a.subList(3, a.size())) {
                long id;
                try {
                    id = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    return Reply.error("ERR Invalid client ID");
                }
                ClientSession x = ctx.clients.get(id);
                if (x != null) {
                    sb.append(line(x)).append('\n');
                }
            }
        } else if (a.size() != 2) {
            return SYNTAX;
        } else {
            for (ClientSession x : ctx.clients.values()) {
                sb.append(line(x)).append('\n');
            }
        }
        return new Reply.Verbatim(sb.toString());
    }

    /** getClientTypeByName: the canonical type of a name, or null. */
    private static String clientType(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "normal" -> "normal";
            case "slave", "replica" -> "slave";
            case "pubsub" -> "pubsub";
            case "master" -> "master";
            default -> null;
        };
    }

    private static String typeOf(ClientSession x) {
        return x.inPubSub() ? "pubsub" : "normal";
    }

    private static Reply kill(ServerContext ctx, ClientSession c, List<String> a) {
        if (a.size() == 3) {
            for (ClientSession x : List.copyOf(ctx.clients.values())) {
                if (x.address().equals(a.get(2))) {
                    close(c, x);
                    return Reply.OK;
                }
            }
            return Reply.error("ERR No such client");
        }
        Long id = null;
        String addr = null;
        String laddr = null;
        String type = null;
        boolean skipMe = true;
        dev.rfg.sentinel.acl.User user = null;
        for (int i = 2; i < a.size(); i += 2) {
            String k = a.get(i).toLowerCase(Locale.ROOT);
            if (i + 1 >= a.size()) {
                return SYNTAX;
            }
            String v = a.get(i + 1);
            switch (k) {
                case "id" -> {
                    long n;
                    try {
                        n = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        n = 0;
                    }
                    if (n < 1) {
                        return Reply.error("ERR client-id should be greater than 0");
                    }
                    id = n;
                }
                case "type" -> {
                    type = clientType(v);
                    if (type == null) {
                        return Reply.error("ERR Unknown client type '" + v + "'");
                    }
                }
                case "addr" -> addr = v;
                case "laddr" -> laddr = v;
                case "user" -> {
                    user = ctx.acl().get(v);
                    if (user == null) {
                        return Reply.error("ERR No such user '" + v + "'");
                    }
                }
                case "skipme" -> {
                    if (v.equalsIgnoreCase("yes")) {
                        skipMe = true;
                    } else if (v.equalsIgnoreCase("no")) {
                        skipMe = false;
                    } else {
                        return SYNTAX;
                    }
                }
                default -> {
                    return SYNTAX;
                }
            }
        }
        int killed = 0;
        for (ClientSession x : List.copyOf(ctx.clients.values())) {
            if ((id != null && x.id != id) || (addr != null && !x.address().equals(addr))
                    || (laddr != null && !x.localAddress().equals(laddr))
                    || (type != null && !type.equals(typeOf(x))) || (user != null && x.user != user)
                    || (skipMe && x == c)) {
                continue;
            }
            close(c, x);
            killed++;
        }
        return Reply.integer(killed);
    }

    /** The caller's own connection is closed after its reply (CLIENT_CLOSE_AFTER_REPLY). */
    static void close(ClientSession caller, ClientSession x) {
        if (x == caller) {
            x.channel.eventLoop().execute(() -> x.channel.flush().close());
        } else {
            x.channel.close();
        }
    }

    private static Reply tracking(ServerContext ctx, ClientSession c, List<String> a) {
        long redirect = 0;
        boolean bcast = false;
        boolean optin = false;
        boolean optout = false;
        boolean noloop = false;
        List<String> prefixes = new ArrayList<>();
        for (int j = 3; j < a.size(); j++) {
            boolean moreArgs = j + 1 < a.size();
            String opt = a.get(j).toLowerCase(Locale.ROOT);
            if (opt.equals("redirect") && moreArgs) {
                j++;
                if (redirect != 0) {
                    return Reply.error("ERR A client can only redirect to a single other client");
                }
                try {
                    redirect = Long.parseLong(a.get(j));
                } catch (NumberFormatException e) {
                    return Reply.error("ERR value is not an integer or out of range");
                }
                if (!ctx.clients.containsKey(redirect)) {
                    return Reply.error("ERR The client ID you want redirect to does not exist");
                }
            } else if (opt.equals("bcast")) {
                bcast = true;
            } else if (opt.equals("optin")) {
                optin = true;
            } else if (opt.equals("optout")) {
                optout = true;
            } else if (opt.equals("noloop")) {
                noloop = true;
            } else if (opt.equals("prefix") && moreArgs) {
                prefixes.add(a.get(++j));
            } else {
                return SYNTAX;
            }
        }
        String onOff = a.get(2).toLowerCase(Locale.ROOT);
        if (onOff.equals("off")) {
            c.disableTracking();
            return Reply.OK;
        }
        if (!onOff.equals("on")) {
            return SYNTAX;
        }
        if (!bcast && !prefixes.isEmpty()) {
            return Reply.error("ERR PREFIX option requires BCAST mode to be enabled");
        }
        if (c.tracking && c.trackingBcast != bcast) {
            return Reply.error("ERR You can't switch BCAST mode on/off before disabling tracking for this client, "
                    + "and then re-enabling it with a different mode.");
        }
        if (bcast && (optin || optout)) {
            return Reply.error("ERR OPTIN and OPTOUT are not compatible with BCAST");
        }
        if (optin && optout) {
            return Reply.error("ERR You can't specify both OPTIN mode and OPTOUT mode");
        }
        if ((optin && c.trackingOptout) || (optout && c.trackingOptin)) {
            return Reply.error("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, "
                    + "and then re-enabling it with a different mode.");
        }
        if (bcast) {
            Reply collision = prefixCollision(c, prefixes);
            if (collision != null) {
                return collision;
            }
        }
        c.tracking = true;
        c.trackingRedirect = redirect;
        c.trackingBcast = bcast;
        c.trackingOptin = optin;
        c.trackingOptout = optout;
        c.trackingNoloop = noloop;
        if (bcast) {
            c.trackingPrefixes.addAll(prefixes.isEmpty() ? List.of("") : prefixes);
        }
        return Reply.OK;
    }

    /** checkPrefixCollisionsOrReply. */
    private static Reply prefixCollision(ClientSession c, List<String> prefixes) {
        for (int i = 0; i < prefixes.size(); i++) {
            String p = prefixes.get(i);
            for (String existing : c.trackingPrefixes) {
                if (existing.startsWith(p) || p.startsWith(existing)) {
                    return Reply.error("ERR Prefix '" + p + "' overlaps with an existing prefix '" + existing
                            + "'. Prefixes for a single client must not overlap.");
                }
            }
            for (int j = i + 1; j < prefixes.size(); j++) {
                String q = prefixes.get(j);
                if (p.startsWith(q) || q.startsWith(p)) {
                    return Reply.error("ERR Prefix '" + p + "' overlaps with another provided prefix '" + q
                            + "'. Prefixes for a single client must not overlap.");
                }
            }
        }
        return null;
    }

    private static Reply trackingInfo(ClientSession c) {
        List<Reply> flags = new ArrayList<>();
        flags.add(Reply.bulk(c.tracking ? "on" : "off"));
        if (c.trackingBcast) {
            flags.add(Reply.bulk("bcast"));
        }
        if (c.trackingOptin) {
            flags.add(Reply.bulk("optin"));
            if (c.trackingCaching) {
                flags.add(Reply.bulk("caching-yes"));
            }
        }
        if (c.trackingOptout) {
            flags.add(Reply.bulk("optout"));
            if (c.trackingCaching) {
                flags.add(Reply.bulk("caching-no"));
            }
        }
        if (c.trackingNoloop) {
            flags.add(Reply.bulk("noloop"));
        }
        return Reply.map().put("flags", Reply.set(flags))
                .put("redirect", Reply.integer(c.tracking ? c.trackingRedirect : -1))
                .put("prefixes", Reply.array(c.trackingPrefixes.stream().map(Reply::bulk).toList())).build();
    }

    private static Reply caching(ClientSession c, List<String> a) {
        if (!c.tracking) {
            return Reply.error("ERR CLIENT CACHING can be called only when the client is in tracking mode with "
                    + "OPTIN or OPTOUT mode enabled");
        }
        String opt = a.get(2).toLowerCase(Locale.ROOT);
        if (opt.equals("yes")) {
            if (!c.trackingOptin) {
                return Reply.error("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
            }
        } else if (opt.equals("no")) {
            if (!c.trackingOptout) {
                return Reply.error("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
            }
        } else {
            return SYNTAX;
        }
        c.trackingCaching = true;
        return Reply.OK;
    }

    private static Reply reply(ClientSession c, List<String> a) {
        switch (a.get(2).toLowerCase(Locale.ROOT)) {
            case "on" -> {
                c.replyOff = false;
                c.replySkip = false;
                c.replySkipNext = false;
                return Reply.OK;
            }
            case "off" -> {
                c.replyOff = true;
                return null;
            }
            case "skip" -> {
                if (!c.replyOff) {
                    c.replySkipNext = true;
                }
                return null;
            }
            default -> {
                return SYNTAX;
            }
        }
    }

    private static Reply pause(Dispatcher d, List<String> a) {
        if (a.size() > 4) {
            return Dispatcher.syntaxOrArity(a);
        }
        boolean all = true;
        if (a.size() == 4) {
            String mode = a.get(3).toLowerCase(Locale.ROOT);
            if (mode.equals("write")) {
                all = false;
            } else if (!mode.equals("all")) {
                return Reply.error("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        }
        long timeout;
        try {
            timeout = Long.parseLong(a.get(2));
        } catch (NumberFormatException e) {
            return Reply.error("ERR timeout is not an integer or out of range");
        }
        if (timeout < 0) {
            return Reply.error("ERR timeout is negative");
        }
        if (timeout > 0) {
            d.pause(System.currentTimeMillis() + timeout, all);
        }
        return Reply.OK;
    }

    private static Reply unblock(List<String> a) {
        if (a.size() > 4) {
            return Dispatcher.syntaxOrArity(a);
        }
        if (a.size() == 4 && !a.get(3).equalsIgnoreCase("timeout") && !a.get(3).equalsIgnoreCase("error")) {
            return Reply.error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
        }
        try {
            Long.parseLong(a.get(2));
        } catch (NumberFormatException e) {
            return Reply.error("ERR value is not an integer or out of range");
        }
        return Reply.integer(0); // no client is ever blocked on a sentinel
    }

    private static Reply help() {
        return Reply.simples(HELP);
    }

    static String line(ClientSession x) {
        long now = System.currentTimeMillis();
        String line = "id=" + x.id + " addr=" + x.address() + " laddr=" + x.localAddress() + " fd=0 name=" + x.name
                + " age=" + (now - x.createdAt) / 1000 + " idle=" + (now - x.lastInteraction) / 1000
                + " flags=" + x.flags() + " db=0 sub=" + x.channels.size() + " psub=" + x.patterns.size()
                + " ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0"
                + " events=r cmd=" + x.lastCommand + " user=" + x.user.name()
                + " redir=" + (x.tracking ? x.trackingRedirect : -1) + " resp=" + x.protocol;
        // 7.0 has no lib-name/lib-ver; they are shown for a client that set them (CLIENT SETINFO, 7.2).
        if (!x.libName.isEmpty() || !x.libVersion.isEmpty()) {
            line += " lib-name=" + x.libName + " lib-ver=" + x.libVersion;
        }
        return line;
    }
}
