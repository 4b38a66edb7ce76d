package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command table of redis-sentinel 7.0.15: the 15 commands flagged SENTINEL in redis's
 * {@code src/commands/*.json} and their subcommands (72 entries in {@code COMMAND LIST}), with the arity, flags,
 * ACL categories and tips that {@code COMMAND INFO} reports and the documentation that {@code COMMAND DOCS}
 * reports. The functional fields (arity, flags, ACL categories, tips, since, group, argument names, types, tokens
 * and flags, doc flags, deprecation) match a stock sentinel's {@code COMMAND} and {@code COMMAND DOCS} (RESP3, so
 * bulk strings, simple strings and sets are told apart); no sentinel command has key specs. The free text (each
 * summary, complexity notes beyond a bare formula, history notes) is our own, so it differs from stock's.
 * Order: by name (stock's is its dict's, which differs between runs).
 */
final class CommandTable {
    /**
     * One command or subcommand ({@code name} is the full name, {@code client|kill}). {@code docs} is its
     * COMMAND DOCS map without {@code subcommands}, which is built from {@code subcommands}.
     */
    record Entry(String name, int arity, List<String> flags, List<String> aclCategories, List<String> tips,
                 Reply.MapReply docs, Map<String, Entry> subcommands) {
        boolean arityOk(int argc) {
            return arity > 0 ? argc == arity : argc >= -arity;
        }

        boolean hasFlag(String flag) {
            return flags.contains(flag);
        }

        /** The COMMAND INFO entry (addReplyCommandInfo). */
        Reply info() {
            List<Reply> subs = new ArrayList<>();
            subcommands.values().forEach(s -> subs.add(s.info()));
            return Reply.array(List.of(Reply.bulk(name), Reply.integer(arity), simpleSet(flags), Reply.integer(0),
                    Reply.integer(0), Reply.integer(0), simpleSet(aclCategories),
                    Reply.set(tips.stream().map(Reply::bulk).toList()), Reply.set(List.of()),
                    subs.isEmpty() ? Reply.set(List.of()) : Reply.array(subs)));
        }

        /** The COMMAND DOCS map of this entry (addReplyCommandDocs). */
        Reply docsWithSubcommands() {
            if (subcommands.isEmpty()) {
                return docs;
            }
            List<Reply> pairs = new ArrayList<>(docs.pairs());
            List<Reply> subs = new ArrayList<>();
            subcommands.values().forEach(s -> {
                subs.add(Reply.bulk(s.name));
                subs.add(s.docsWithSubcommands());
            });
            pairs.add(Reply.bulk("subcommands"));
            pairs.add(new Reply.MapReply(subs));
            return new Reply.MapReply(pairs);
        }

        private static Reply simpleSet(List<String> items) {
            return Reply.set(items.stream().map(i -> (Reply) new Reply.Simple(i)).toList());
        }
    }

    /** The ACL categories of 7.0, in ACL CAT order (ACLCommandCategories). */
    static final List<String> ACL_CATEGORIES = List.of("keyspace", "read", "write", "set", "sortedset", "list",
            "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking",
            "dangerous", "connection", "transaction", "scripting");

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        add("acl", -2, "", "@slow", "", m("summary", "Subcommands about users, rules and the ACL log", "since",
                "6.0.0", "group", "server", "complexity", "See each subcommand."));
        add("acl|cat", -2, "noscript loading stale", "@slow", "", m("summary",
                "Names the ACL categories, or the commands in one category", "since", "6.0.0", "group", "server",
                "complexity", "O(1), the table being fixed", "arguments", a(m("name", "categoryname", "type", "string",
                "flags", s(st("optional"))))));
        add("acl|deluser", -3, "admin noscript loading stale", "@admin @slow @dangerous", "", m("summary",
                "Deletes users (not 'default') and closes their connections", "since", "6.0.0", "group", "server",
                "complexity", "O(1) per user, amortized", "arguments", a(m("name", "username", "type", "string",
                "flags", s(st("multiple"))))));
        add("acl|dryrun", -4, "admin noscript loading stale", "@admin @slow @dangerous", "", m("summary",
                "Checks if a user may run a command line, without running it", "since", "7.0.0", "group", "server",
                "complexity", "O(1).", "arguments", a(m("name", "username", "type", "string"), m("name", "command",
                "type", "string"), m("name", "arg", "type", "string", "flags", s(st("optional"), st("multiple"))))));
        add("acl|genpass", -2, "noscript loading stale", "@slow", "", m("summary",
                "Returns a random hex password, 256 bits by default", "since", "6.0.0", "group", "server", "complexity",
                "O(1)", "arguments", a(m("name", "bits", "type", "integer", "flags", s(st("optional"))))));
        add("acl|getuser", 3, "admin noscript loading stale", "@admin @slow @dangerous", "", m("summary",
                "Shows a user's flags, password hashes and permissions", "since", "6.0.0", "group", "server",
                "complexity", "O(N) in the number of rules the user has", "history", s(a("6.2.0",
                "Reply has channel patterns."), a("7.0.0",
                "Reply has selectors; key and channel patterns are rule strings.")), "arguments", a(m("name",
                "username", "type", "string"))));
        add("acl|help", 2, "loading stale", "@slow", "", m("summary", "Lists the ACL subcommands", "since", "6.0.0",
                "group", "server", "complexity", "O(1)"));
        add("acl|list", 2, "admin noscript loading stale", "@admin @slow @dangerous", "", m("summary",
                "Shows each user as one ACL file line", "since", "6.0.0", "group", "server", "complexity",
                "O(N) in the number of users"));
        add("acl|load", 2, "admin noscript loading stale", "@admin @slow @dangerous", "", m("summary",
                "Reads users from the ACL file (none here: an error)", "since", "6.0.0", "group", "server",
                "complexity", "O(N) in the number of users"));
        add("acl|log", -2, "admin noscript loading stale", "@admin @slow @dangerous", "", m("summary",
                "Shows or clears the log of refusals", "since", "6.0.0", "group", "server", "complexity",
                "O(N) in the entries returned", "arguments", a(m("name", "operation", "type", "oneof", "flags",
                s(st("optional")), "arguments", a(m("name", "count", "type", "integer"), m("name", "reset", "type",
                "pure-token", "token", "RESET"))))));
        add("acl|save", 2, "admin noscript loading stale", "@admin @slow @dangerous", "", m("summary",
                "Writes users to the ACL file (none here: an error)", "since", "6.0.0", "group", "server", "complexity",
                "O(N) in the number of users"));
        add("acl|setuser", -3, "admin noscript loading stale", "@admin @slow @dangerous", "", m("summary",
                "Creates or changes a user by rules", "since", "6.0.0", "group", "server", "complexity",
                "O(N) in the rules given", "history", s(a("6.2.0", "Rules for channel patterns."), a("7.0.0",
                "Selectors; read and write rules for keys.")), "arguments", a(m("name", "username", "type", "string"),
                m("name", "rule", "type", "string", "flags", s(st("optional"), st("multiple"))))));
        add("acl|users", 2, "admin noscript loading stale", "@admin @slow @dangerous", "", m("summary",
                "Names every user", "since", "6.0.0", "group", "server", "complexity", "O(N) in the number of users"));
        add("acl|whoami", 2, "noscript loading stale", "@slow", "", m("summary",
                "Names the user this connection is logged in as", "since", "6.0.0", "group", "server", "complexity",
                "O(1)"));
        add("auth", -2, "noscript loading stale fast no_auth allow_busy", "@fast @connection", "", m("summary",
                "Logs this connection in", "since", "1.0.0", "group", "connection", "complexity",
                "O(N) in the user's passwords", "history", s(a("6.0.0", "Optional username before the password.")),
                "arguments", a(m("name", "username", "type", "string", "since", "6.0.0", "flags", s(st("optional"))),
                m("name", "password", "type", "string"))));
        add("client", -2, "", "@slow", "", m("summary", "Subcommands about client connections", "since", "2.4.0",
                "group", "connection", "complexity", "See each subcommand."));
        add("client|caching", 3, "noscript loading stale", "@slow @connection", "", m("summary",
                "Turns key tracking on or off for the next command (OPTIN/OPTOUT modes)", "since", "6.0.0", "group",
                "connection", "complexity", "O(1)", "arguments", a(m("name", "mode", "type", "oneof", "arguments",
                a(m("name", "yes", "type", "pure-token", "token", "YES"), m("name", "no", "type", "pure-token", "token",
                "NO"))))));
        add("client|getname", 2, "noscript loading stale", "@slow @connection", "", m("summary",
                "Returns this connection's name", "since", "2.6.9", "group", "connection", "complexity", "O(1)"));
        add("client|getredir", 2, "noscript loading stale", "@slow @connection", "", m("summary",
                "Returns the id of the client that gets this connection's tracking messages", "since", "6.0.0", "group",
                "connection", "complexity", "O(1)"));
        add("client|help", 2, "loading stale", "@slow @connection", "", m("summary", "Lists the CLIENT subcommands",
                "since", "5.0.0", "group", "connection", "complexity", "O(1)"));
        add("client|id", 2, "noscript loading stale", "@slow @connection", "", m("summary",
                "Returns this connection's id", "since", "5.0.0", "group", "connection", "complexity", "O(1)"));
        add("client|info", 2, "noscript loading stale", "@slow @connection", "nondeterministic_output", m("summary",
                "Describes this connection as a CLIENT LIST line", "since", "6.2.0", "group", "connection",
                "complexity", "O(1)"));
        add("client|kill", -3, "admin noscript loading stale", "@admin @slow @dangerous @connection", "", m("summary",
                "Closes the connections picked by address, id, type or user", "since", "2.4.0", "group", "connection",
                "complexity", "O(N) in the number of connections", "history", s(a("2.8.12",
                "Filters as option/value pairs."), a("2.8.12", "ID filter."), a("3.2.0", "TYPE MASTER."), a("5.0.0",
                "TYPE REPLICA, TYPE SLAVE kept as its old name."), a("6.2.0", "LADDR filter.")), "arguments",
                a(m("name", "filter", "type", "oneof", "arguments", a(m("name", "ip:port", "type", "string",
                "deprecated_since", "2.8.12"), m("name", "new-format", "type", "oneof", "flags", s(st("multiple")),
                "arguments", a(m("name", "client-id", "type", "integer", "token", "ID", "since", "2.8.12", "flags",
                s(st("optional"))), m("name", "normal_master_slave_pubsub", "type", "oneof", "token", "TYPE", "since",
                "2.8.12", "flags", s(st("optional")), "arguments", a(m("name", "normal", "type", "pure-token", "token",
                "NORMAL"), m("name", "master", "type", "pure-token", "token", "MASTER", "since", "3.2.0"), m("name",
                "slave", "type", "pure-token", "token", "SLAVE"), m("name", "replica", "type", "pure-token", "token",
                "REPLICA", "since", "5.0.0"), m("name", "pubsub", "type", "pure-token", "token", "PUBSUB"))), m("name",
                "username", "type", "string", "token", "USER", "flags", s(st("optional"))), m("name", "ip:port", "type",
                "string", "token", "ADDR", "flags", s(st("optional"))), m("name", "ip:port", "type", "string", "token",
                "LADDR", "since", "6.2.0", "flags", s(st("optional"))), m("name", "yes/no", "type", "string", "token",
                "SKIPME", "flags", s(st("optional"))))))))));
        add("client|list", -2, "admin noscript loading stale", "@admin @slow @dangerous @connection",
                "nondeterministic_output", m("summary", "Describes client connections, one line each", "since", "2.4.0",
                "group", "connection", "complexity", "O(N) in the number of connections", "history", s(a("2.8.12",
                "New field: id."), a("5.0.0", "TYPE filter."), a("6.0.0", "New field: user."), a("6.2.0",
                "New fields: argv-mem, tot-mem, laddr, redir; ID filter."), a("7.0.0",
                "New fields: resp, multi-mem, rbs, rbp."), a("7.0.3", "New field: ssub.")), "arguments", a(m("name",
                "normal_master_replica_pubsub", "type", "oneof", "token", "TYPE", "since", "5.0.0", "flags",
                s(st("optional")), "arguments", a(m("name", "normal", "type", "pure-token", "token", "NORMAL"),
                m("name", "master", "type", "pure-token", "token", "MASTER"), m("name", "replica", "type", "pure-token",
                "token", "REPLICA"), m("name", "pubsub", "type", "pure-token", "token", "PUBSUB"))), m("name", "id",
                "type", "block", "token", "ID", "since", "6.2.0", "flags", s(st("optional")), "arguments", a(m("name",
                "client-id", "type", "integer", "flags", s(st("multiple"))))))));
        add("client|no-evict", 3, "admin noscript loading stale", "@admin @slow @dangerous @connection", "",
                m("summary", "Sets whether this connection may be evicted (nothing is evicted here)", "since", "7.0.0",
                "group", "connection", "complexity", "O(1)", "arguments", a(m("name", "enabled", "type", "oneof",
                "arguments", a(m("name", "on", "type", "pure-token", "token", "ON"), m("name", "off", "type",
                "pure-token", "token", "OFF"))))));
        add("client|pause", -3, "admin noscript loading stale", "@admin @slow @dangerous @connection", "", m("summary",
                "Holds clients' commands, all or only writes, for some milliseconds", "since", "2.9.50", "group",
                "connection", "complexity", "O(1)", "history", s(a("6.2.0", "WRITE or ALL argument.")), "arguments",
                a(m("name", "timeout", "type", "integer"), m("name", "mode", "type", "oneof", "since", "6.2.0", "flags",
                s(st("optional")), "arguments", a(m("name", "write", "type", "pure-token", "token", "WRITE"), m("name",
                "all", "type", "pure-token", "token", "ALL"))))));
        add("client|reply", 3, "noscript loading stale", "@slow @connection", "", m("summary",
                "Turns replies to this connection on or off, or drops the next one", "since", "3.2.0", "group",
                "connection", "complexity", "O(1)", "arguments", a(m("name", "on_off_skip", "type", "oneof",
                "arguments", a(m("name", "on", "type", "pure-token", "token", "ON"), m("name", "off", "type",
                "pure-token", "token", "OFF"), m("name", "skip", "type", "pure-token", "token", "SKIP"))))));
        add("client|setname", 3, "noscript loading stale", "@slow @connection", "", m("summary",
                "Names this connection", "since", "2.6.9", "group", "connection", "complexity", "O(1)", "arguments",
                a(m("name", "connection-name", "type", "string"))));
        add("client|tracking", -3, "noscript loading stale", "@slow @connection", "", m("summary",
                "Turns invalidation messages for client-side caching on or off", "since", "6.0.0", "group",
                "connection", "complexity", "O(1) plus the cost of the options", "arguments", a(m("name", "status",
                "type", "oneof", "arguments", a(m("name", "on", "type", "pure-token", "token", "ON"), m("name", "off",
                "type", "pure-token", "token", "OFF"))), m("name", "client-id", "type", "integer", "token", "REDIRECT",
                "flags", s(st("optional"))), m("name", "prefix", "type", "string", "token", "PREFIX", "flags",
                s(st("optional"), st("multiple"), st("multiple_token"))), m("name", "bcast", "type", "pure-token",
                "token", "BCAST", "flags", s(st("optional"))), m("name", "optin", "type", "pure-token", "token",
                "OPTIN", "flags", s(st("optional"))), m("name", "optout", "type", "pure-token", "token", "OPTOUT",
                "flags", s(st("optional"))), m("name", "noloop", "type", "pure-token", "token", "NOLOOP", "flags",
                s(st("optional"))))));
        add("client|trackinginfo", 2, "noscript loading stale", "@slow @connection", "", m("summary",
                "Shows this connection's tracking mode, redirect and prefixes", "since", "6.2.0", "group", "connection",
                "complexity", "O(1)"));
        add("client|unblock", -3, "admin noscript loading stale", "@admin @slow @dangerous @connection", "",
                m("summary", "Wakes a client waiting in a blocking command (none can wait here)", "since", "5.0.0",
                "group", "connection", "complexity", "O(log N) in the number of connections", "arguments", a(m("name",
                "client-id", "type", "integer"), m("name", "timeout_error", "type", "oneof", "flags", s(st("optional")),
                "arguments", a(m("name", "timeout", "type", "pure-token", "token", "TIMEOUT"), m("name", "error",
                "type", "pure-token", "token", "ERROR"))))));
        add("client|unpause", 2, "admin noscript loading stale", "@admin @slow @dangerous @connection", "", m("summary",
                "Ends a CLIENT PAUSE", "since", "6.2.0", "group", "connection", "complexity",
                "O(N) in the clients held"));
        add("command", -1, "loading stale", "@slow @connection", "nondeterministic_output_order", m("summary",
                "Describes every command of this sentinel", "since", "2.8.13", "group", "server", "complexity",
                "O(N) in the number of commands"));
        add("command|count", 2, "loading stale", "@slow @connection", "", m("summary",
                "Returns how many commands this sentinel has", "since", "2.8.13", "group", "server", "complexity",
                "O(1)"));
        add("command|docs", -2, "loading stale", "@slow @connection", "nondeterministic_output_order", m("summary",
                "Returns the documentation of the named commands, or of all", "since", "7.0.0", "group", "server",
                "complexity", "O(N) in the commands named", "arguments", a(m("name", "command-name", "type", "string",
                "flags", s(st("optional"), st("multiple"))))));
        add("command|getkeys", -4, "loading stale", "@slow @connection", "", m("summary",
                "Returns the keys of a command line (no sentinel command has any)", "since", "2.8.13", "group",
                "server", "complexity", "O(N) in the arguments"));
        add("command|getkeysandflags", -4, "loading stale", "@slow @connection", "", m("summary",
                "Returns the keys of a command line and how each is used", "since", "7.0.0", "group", "server",
                "complexity", "O(N) in the arguments"));
        add("command|help", 2, "loading stale", "@slow @connection", "", m("summary", "Lists the COMMAND subcommands",
                "since", "5.0.0", "group", "server", "complexity", "O(1)"));
        add("command|info", -2, "loading stale", "@slow @connection", "nondeterministic_output_order", m("summary",
                "Describes the named commands, or all of them", "since", "2.8.13", "group", "server", "complexity",
                "O(N) in the commands named", "history", s(a("7.0.0", "Command names are optional.")), "arguments",
                a(m("name", "command-name", "type", "string", "flags", s(st("optional"), st("multiple"))))));
        add("command|list", -2, "loading stale", "@slow @connection", "nondeterministic_output_order", m("summary",
                "Returns the command names, optionally filtered", "since", "7.0.0", "group", "server", "complexity",
                "O(N) in the number of commands", "arguments", a(m("name", "filterby", "type", "oneof", "token",
                "FILTERBY", "flags", s(st("optional")), "arguments", a(m("name", "module-name", "type", "string",
                "token", "MODULE"), m("name", "category", "type", "string", "token", "ACLCAT"), m("name", "pattern",
                "type", "pattern", "token", "PATTERN"))))));
        add("hello", -1, "noscript loading stale fast no_auth allow_busy", "@fast @connection", "", m("summary",
                "Picks RESP2 or RESP3, can log in and name the connection, and describes the server", "since", "6.0.0",
                "group", "connection", "complexity", "O(1)", "history", s(a("6.2.0",
                "protover is optional; without arguments the protocol stays as it is.")), "arguments", a(m("name",
                "arguments", "type", "block", "flags", s(st("optional")), "arguments", a(m("name", "protover", "type",
                "integer"), m("name", "username_password", "type", "block", "token", "AUTH", "flags", s(st("optional")),
                "arguments", a(m("name", "username", "type", "string"), m("name", "password", "type", "string"))),
                m("name", "clientname", "type", "string", "token", "SETNAME", "flags", s(st("optional"))))))));
        add("info", -1, "loading stale", "@slow @dangerous",
                "nondeterministic_output request_policy:all_shards response_policy:special", m("summary",
                "Reports the sentinel's state and counters, by section", "since", "1.0.0", "group", "server",
                "complexity", "O(1)", "history", s(a("7.0.0", "Several sections at once.")), "arguments", a(m("name",
                "section", "type", "string", "flags", s(st("optional"), st("multiple"))))));
        add("ping", -1, "fast", "@fast @connection", "request_policy:all_shards response_policy:all_succeeded",
                m("summary", "Answers PONG, or echoes its argument", "since", "1.0.0", "group", "connection",
                "complexity", "O(1)", "arguments", a(m("name", "message", "type", "string", "flags",
                s(st("optional"))))));
        add("psubscribe", -2, "pubsub noscript loading stale", "@pubsub @slow", "", m("summary",
                "Subscribes this connection to channel patterns", "since", "2.0.0", "group", "pubsub", "complexity",
                "O(N) in the patterns this connection has", "arguments", a(m("name", "pattern", "type", "block",
                "flags", s(st("multiple")), "arguments", a(m("name", "pattern", "type", "pattern"))))));
        add("publish", 3, "pubsub loading stale fast", "@pubsub @fast", "", m("summary",
                "Sends a message to a channel's subscribers", "since", "2.0.0", "group", "pubsub", "complexity",
                "O(N+M): N subscribers of the channel, M patterns of all connections", "arguments", a(m("name",
                "channel", "type", "string"), m("name", "message", "type", "string"))));
        add("punsubscribe", -1, "pubsub noscript loading stale", "@pubsub @slow", "", m("summary",
                "Drops some or all pattern subscriptions of this connection", "since", "2.0.0", "group", "pubsub",
                "complexity", "O(N+M): N patterns of this connection, M patterns of all connections", "arguments",
                a(m("name", "pattern", "type", "pattern", "flags", s(st("optional"), st("multiple"))))));
        add("role", 1, "noscript loading stale fast", "@admin @fast @dangerous", "", m("summary",
                "Returns 'sentinel' and the names of the monitored masters", "since", "2.8.12", "group", "server",
                "complexity", "O(1)"));
        add("sentinel", -2, "admin", "@admin @slow @dangerous", "", m("summary",
                "Subcommands to watch masters, query state and fail over", "since", "2.8.4", "group", "sentinel",
                "complexity", "See each subcommand."));
        add("sentinel|ckquorum", 3, "admin", "@admin @slow @dangerous", "", m("summary",
                "Checks that enough sentinels are reachable to fail a master over", "since", "2.8.4", "group",
                "sentinel", "arguments", a(m("name", "master-name", "type", "string"))));
        add("sentinel|config", -3, "admin", "@admin @slow @dangerous", "", m("summary",
                "Reads or changes global sentinel settings", "since", "6.2.0", "group", "sentinel", "complexity",
                "O(1)", "arguments", a(m("name", "set_or_get", "type", "oneof", "arguments", a(m("name",
                "set_param_value", "type", "block", "token", "SET", "flags", s(st("multiple")), "arguments", a(m("name",
                "parameter", "type", "string"), m("name", "value", "type", "string"))), m("name", "parameter", "type",
                "string", "token", "GET", "flags", s(st("multiple"))))))));
        add("sentinel|debug", -2, "admin", "@admin @slow @dangerous", "", m("summary",
                "Shows or changes the sentinel's timing parameters", "since", "7.0.0", "group", "sentinel",
                "complexity", "O(N) in the parameters", "arguments", a(m("name", "parameter_value", "type", "block",
                "flags", s(st("multiple")), "arguments", a(m("name", "parameter", "type", "string"), m("name", "value",
                "type", "string"))))));
        add("sentinel|failover", 3, "admin", "@admin @slow @dangerous", "", m("summary",
                "Fails a master over now, without a vote of the other sentinels", "since", "2.8.4", "group", "sentinel",
                "arguments", a(m("name", "master-name", "type", "string"))));
        add("sentinel|flushconfig", 2, "admin", "@admin @slow @dangerous", "", m("summary",
                "Writes the current state to the config file", "since", "2.8.4", "group", "sentinel", "complexity",
                "O(1)"));
        add("sentinel|get-master-addr-by-name", 3, "admin", "@admin @slow @dangerous", "", m("summary",
                "Returns the address and port of a master", "since", "2.8.4", "group", "sentinel", "complexity", "O(1)",
                "arguments", a(m("name", "master-name", "type", "string"))));
        add("sentinel|help", 2, "loading stale", "@slow", "", m("summary", "Lists the SENTINEL subcommands", "since",
                "6.2.0", "group", "sentinel", "complexity", "O(1)"));
        add("sentinel|info-cache", -3, "admin", "@admin @slow @dangerous", "", m("summary",
                "Returns the last INFO reply of each instance of the named masters", "since", "3.2.0", "group",
                "sentinel", "complexity", "O(N) in the instances", "arguments", a(m("name", "nodename", "type",
                "string", "flags", s(st("multiple"))))));
        add("sentinel|is-master-down-by-addr", 6, "admin", "@admin @slow @dangerous", "", m("summary",
                "Says whether this sentinel sees a master as down, and votes for a leader", "since", "2.8.4", "group",
                "sentinel", "complexity", "O(1)", "arguments", a(m("name", "ip", "type", "string"), m("name", "port",
                "type", "integer"), m("name", "current-epoch", "type", "integer"), m("name", "runid", "type",
                "string"))));
        add("sentinel|master", 3, "admin", "@admin @slow @dangerous", "", m("summary", "Describes one master", "since",
                "2.8.4", "group", "sentinel", "complexity", "O(1)", "arguments", a(m("name", "master-name", "type",
                "string"))));
        add("sentinel|masters", 2, "admin", "@admin @slow @dangerous", "", m("summary",
                "Describes every monitored master", "since", "2.8.4", "group", "sentinel", "complexity",
                "O(N) in the masters"));
        add("sentinel|monitor", 6, "admin", "@admin @slow @dangerous", "", m("summary", "Starts watching a new master",
                "since", "2.8.4", "group", "sentinel", "complexity", "O(1)", "arguments", a(m("name", "name", "type",
                "string"), m("name", "ip", "type", "string"), m("name", "port", "type", "integer"), m("name", "quorum",
                "type", "integer"))));
        add("sentinel|myid", 2, "admin", "@admin @slow @dangerous", "", m("summary", "Returns this sentinel's id",
                "since", "6.2.0", "group", "sentinel", "complexity", "O(1)"));
        add("sentinel|pending-scripts", 2, "admin", "@admin @slow @dangerous", "", m("summary",
                "Lists the scripts that are queued or running", "since", "2.8.4", "group", "sentinel"));
        add("sentinel|remove", 3, "admin", "@admin @slow @dangerous", "", m("summary", "Stops watching a master",
                "since", "2.8.4", "group", "sentinel", "complexity", "O(1)", "arguments", a(m("name", "master-name",
                "type", "string"))));
        add("sentinel|replicas", 3, "admin", "@admin @slow @dangerous", "", m("summary",
                "Describes the replicas of a master", "since", "5.0.0", "group", "sentinel", "complexity",
                "O(N) in the replicas", "arguments", a(m("name", "master-name", "type", "string"))));
        add("sentinel|reset", 3, "admin", "@admin @slow @dangerous", "", m("summary",
                "Clears the state of the masters whose names match", "since", "2.8.4", "group", "sentinel",
                "complexity", "O(N) in the masters", "arguments", a(m("name", "pattern", "type", "pattern"))));
        add("sentinel|sentinels", 3, "admin", "@admin @slow @dangerous", "", m("summary",
                "Describes the other sentinels of a master", "since", "2.8.4", "group", "sentinel", "complexity",
                "O(N) in the sentinels", "arguments", a(m("name", "master-name", "type", "string"))));
        add("sentinel|set", -5, "admin", "@admin @slow @dangerous", "", m("summary",
                "Changes settings of a monitored master", "since", "2.8.4", "group", "sentinel", "complexity", "O(1)",
                "arguments", a(m("name", "master-name", "type", "string"), m("name", "option_value", "type", "block",
                "flags", s(st("multiple")), "arguments", a(m("name", "option", "type", "string"), m("name", "value",
                "type", "string"))))));
        add("sentinel|simulate-failure", -3, "admin", "@admin @slow @dangerous", "", m("summary",
                "Makes this sentinel crash at a chosen failover step, for tests", "since", "3.2.0", "group", "sentinel",
                "arguments", a(m("name", "mode", "type", "oneof", "flags", s(st("optional"), st("multiple")),
                "arguments", a(m("name", "crash-after-election", "type", "pure-token"), m("name",
                "crash-after-promotion", "type", "pure-token"), m("name", "help", "type", "pure-token"))))));
        add("sentinel|slaves", 3, "admin", "@admin @slow @dangerous", "", m("summary", "Old name of SENTINEL REPLICAS",
                "since", "2.8.0", "group", "sentinel", "complexity", "O(N) in the replicas", "doc_flags",
                s(st("deprecated")), "deprecated_since", "5.0.0", "replaced_by", "`SENTINEL REPLICAS`", "arguments",
                a(m("name", "master-name", "type", "string"))));
        add("shutdown", -1, "admin noscript loading stale no_multi allow_busy", "@admin @slow @dangerous", "",
                m("summary", "Stops this sentinel", "since", "1.0.0", "group", "server", "complexity",
                "O(N) in the keys when saving, else O(1)", "history", s(a("7.0.0", "NOW, FORCE and ABORT options.")),
                "arguments", a(m("name", "nosave_save", "type", "oneof", "flags", s(st("optional")), "arguments",
                a(m("name", "nosave", "type", "pure-token", "token", "NOSAVE"), m("name", "save", "type", "pure-token",
                "token", "SAVE"))), m("name", "now", "type", "pure-token", "token", "NOW", "since", "7.0.0", "flags",
                s(st("optional"))), m("name", "force", "type", "pure-token", "token", "FORCE", "since", "7.0.0",
                "flags", s(st("optional"))), m("name", "abort", "type", "pure-token", "token", "ABORT", "since",
                "7.0.0", "flags", s(st("optional"))))));
        add("subscribe", -2, "pubsub noscript loading stale", "@pubsub @slow", "", m("summary",
                "Subscribes this connection to channels", "since", "2.0.0", "group", "pubsub", "complexity",
                "O(N) in the channels given", "arguments", a(m("name", "channel", "type", "string", "flags",
                s(st("multiple"))))));
        add("unsubscribe", -1, "pubsub noscript loading stale", "@pubsub @slow", "", m("summary",
                "Drops some or all channel subscriptions of this connection", "since", "2.0.0", "group", "pubsub",
                "complexity", "O(N) in the subscribers of the channels", "arguments", a(m("name", "channel", "type",
                "string", "flags", s(st("optional"), st("multiple"))))));
    }

    private CommandTable() {}

    /** The top-level commands, lower-case name to entry. */
    static Map<String, Entry> commands() {
        return COMMANDS;
    }

    /** A top-level command ({@code ping}) or a subcommand ({@code client|kill}), any case; null if unknown. */
    static Entry lookup(String fullName) {
        String n = fullName.toLowerCase(Locale.ROOT);
        int bar = n.indexOf('|');
        if (bar < 0) {
            return COMMANDS.get(n);
        }
        Entry parent = COMMANDS.get(n.substring(0, bar));
        return parent == null ? null : parent.subcommands().get(n);
    }

    /** Every entry, each command followed by its subcommands (as COMMAND LIST walks them). */
    static List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : COMMANDS.values()) {
            out.add(e);
            out.addAll(e.subcommands().values());
        }
        return out;
    }

    private static void add(String name, int arity, String flags, String acl, String tips, Reply.MapReply docs) {
        Entry e = new Entry(name, arity, words(flags), words(acl), words(tips), docs, new LinkedHashMap<>());
        int bar = name.indexOf('|');
        if (bar < 0) {
            COMMANDS.put(name, e);
        } else {
            COMMANDS.get(name.substring(0, bar)).subcommands().put(name, e);
        }
    }

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split(" "));
    }

    private static Reply value(Object o) {
        return switch (o) {
            case Reply r -> r;
            case Integer i -> Reply.integer(i);
            default -> Reply.bulk(o);
        };
    }

    private static Reply.MapReply m(Object... kv) {
        return new Reply.MapReply(Arrays.stream(kv).map(CommandTable::value).toList());
    }

    private static Reply a(Object... items) {
        return Reply.array(Arrays.stream(items).map(CommandTable::value).toList());
    }

    private static Reply s(Object... items) {
        return Reply.set(Arrays.stream(items).map(CommandTable::value).toList());
    }

    private static Reply st(String text) {
        return new Reply.Simple(text);
    }
}
