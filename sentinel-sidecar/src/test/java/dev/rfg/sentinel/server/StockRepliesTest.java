package dev.rfg.sentinel.server;

import dev.rfg.sentinel.config.SentinelConfig;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.engine.SentinelEngine;
import dev.rfg.sentinel.events.EventBus;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.rfg.sentinel.server.InProcessClients.send;
import static dev.rfg.sentinel.server.InProcessClients.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replies of the server code against the bytes a stock redis-sentinel 7.0.15 writes (taken with a raw socket
 * from {@code redis-sentinel} started on a loopback port), except for the free text we write ourselves (COMMAND
 * DOCS summaries, HELP listings), whose shape is checked instead. The server runs in-process on Netty's embedded
 * channels: the real decoder, request handler and dispatcher, no sockets.
 */
class StockRepliesTest {
    /** {@code COMMAND LIST} of stock 7.0.15 in sentinel mode, sorted. */
    private static final List<String> STOCK_COMMAND_LIST = List.of("acl", "acl|cat", "acl|deluser", "acl|dryrun",
            "acl|genpass", "acl|getuser", "acl|help", "acl|list", "acl|load", "acl|log", "acl|save", "acl|setuser",
            "acl|users", "acl|whoami", "auth", "client", "client|caching", "client|getname", "client|getredir",
            "client|help", "client|id", "client|info", "client|kill", "client|list", "client|no-evict",
            "client|pause", "client|reply", "client|setname", "client|tracking", "client|trackinginfo",
            "client|unblock", "client|unpause", "command", "command|count", "command|docs", "command|getkeys",
            "command|getkeysandflags", "command|help", "command|info", "command|list", "hello", "info", "ping",
            "psubscribe", "publish", "punsubscribe", "role", "sentinel", "sentinel|ckquorum", "sentinel|config",
            "sentinel|debug", "sentinel|failover", "sentinel|flushconfig", "sentinel|get-master-addr-by-name",
            "sentinel|help", "sentinel|info-cache", "sentinel|is-master-down-by-addr", "sentinel|master",
            "sentinel|masters", "sentinel|monitor", "sentinel|myid", "sentinel|pending-scripts", "sentinel|remove",
            "sentinel|replicas", "sentinel|reset", "sentinel|sentinels", "sentinel|set", "sentinel|simulate-failure",
            "sentinel|slaves", "shutdown", "subscribe", "unsubscribe");
    private static final String NOT_SAVED = "-ERR Failed to save config file. Check server logs.\r\n";

    @TempDir
    Path dir;
    private SentinelConfig cfg;
    private EmbeddedChannel loop;
    private ServerContext ctx;
    private Dispatcher dispatcher;
    private boolean shutdownCalled;

    @BeforeEach
    void setUp() {
        cfg = new SentinelConfig();
        cfg.file = dir.resolve("sentinel.conf");
        cfg.port = 26379;
        loop = new EmbeddedChannel();
        Sentinel s = new Sentinel(cfg, new EventBus(), loop.eventLoop());
        SentinelEngine engine = new SentinelEngine(s);
        engine.load();
        engine.createMaster("mymaster", "127.0.0.1", 6379, 2, Sentinel.now());
        ctx = new ServerContext(s, engine);
        ctx.shutdown = () -> shutdownCalled = true;
        dispatcher = new Dispatcher(ctx);
    }

    private EmbeddedChannel client() {
        return InProcessClients.client(ctx, dispatcher);
    }



    private static List<String> bulks(String reply) {
        Matcher m = Pattern.compile("\\$\\d+\r\n([^\r]*)\r\n").matcher(reply);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void commandListCountInfoAndDocsAreStocks() {
        EmbeddedChannel c = client();
        String list = send(c, "COMMAND", "LIST");
        assertThat(list).startsWith("*72\r\n");
        assertThat(new TreeSet<>(bulks(list))).containsExactlyElementsOf(STOCK_COMMAND_LIST);
        assertThat(send(c, "COMMAND", "COUNT")).isEqualTo(":15\r\n");
        assertThat(send(c, "COMMAND", "INFO", "ping")).isEqualTo("*1\r\n*10\r\n$4\r\nping\r\n:-1\r\n*1\r\n+fast\r\n"
                + ":0\r\n:0\r\n:0\r\n*2\r\n+@fast\r\n+@connection\r\n*2\r\n$25\r\nrequest_policy:all_shards\r\n"
                + "$29\r\nresponse_policy:all_succeeded\r\n*0\r\n*0\r\n");
        assertThat(send(c, "COMMAND", "INFO", "client|kill")).isEqualTo("*1\r\n*10\r\n$11\r\nclient|kill\r\n:-3\r\n"
                + "*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*4\r\n+@admin\r\n+@slow\r\n"
                + "+@dangerous\r\n+@connection\r\n*0\r\n*0\r\n*0\r\n");
        assertThat(send(c, "COMMAND", "INFO", "nosuch")).isEqualTo("*1\r\n$-1\r\n");
        // the summary is our own text (CommandTable), the rest of the reply is stock's
        String docs = send(c, "COMMAND", "DOCS", "ping");
        assertThat(docs).containsPattern("\\$7\r\nsummary\r\n\\$[1-9]\\d*\r\n[^\r]+\r\n");
        assertThat(docs.replaceFirst("\\$7\r\nsummary\r\n\\$\\d+\r\n[^\r]*\r\n", "\\$7\r\nsummary\r\n<ours>"))
                .isEqualTo("*2\r\n$4\r\nping\r\n*10\r\n$7\r\nsummary\r\n"
                + "<ours>$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$10\r\nconnection\r\n"
                + "$10\r\ncomplexity\r\n$4\r\nO(1)\r\n$9\r\narguments\r\n*1\r\n*6\r\n$4\r\nname\r\n$7\r\nmessage\r\n"
                + "$4\r\ntype\r\n$6\r\nstring\r\n$5\r\nflags\r\n*1\r\n+optional\r\n");
        assertThat(send(c, "COMMAND", "DOCS", "save")).isEqualTo("*0\r\n");
        assertThat(send(c, "COMMAND", "GETKEYS", "sentinel", "masters"))
                .isEqualTo("-ERR The command has no key arguments\r\n");
        // 00-base "Sentinel command flag infrastructure works correctly" (7.2's suite, the 7.0 part of it)
        assertThat(send(c, "SAVE")).startsWith("-ERR unknown command 'SAVE'");
    }

    @Test
    void everyListedSubcommandAnswersSanely() {
        EmbeddedChannel c = client();
        assertThat(send(c, "ACL", "WHOAMI")).isEqualTo("$7\r\ndefault\r\n");
        assertThat(send(c, "ACL", "USERS")).isEqualTo("*1\r\n$7\r\ndefault\r\n");
        assertThat(send(c, "ACL", "LIST")).isEqualTo("*1\r\n$34\r\nuser default on nopass ~* &* +@all\r\n");
        assertThat(send(c, "ACL", "CAT")).startsWith("*21\r\n$8\r\nkeyspace\r\n$4\r\nread\r\n");
        assertThat(send(c, "ACL", "CAT", "read")).isEqualTo("*0\r\n");
        assertThat(send(c, "ACL", "GENPASS")).matches("\\$64\r\n[0-9a-f]{64}\r\n");
        assertThat(send(c, "ACL", "GENPASS", "5")).matches("\\$2\r\n[0-9a-f]{2}\r\n");
        assertThat(send(c, "ACL", "GETUSER", "default")).isEqualTo("*12\r\n$5\r\nflags\r\n*2\r\n$2\r\non\r\n"
                + "$6\r\nnopass\r\n$9\r\npasswords\r\n*0\r\n$8\r\ncommands\r\n$5\r\n+@all\r\n$4\r\nkeys\r\n$2\r\n~*\r\n"
                + "$8\r\nchannels\r\n$2\r\n&*\r\n$9\r\nselectors\r\n*0\r\n");
        assertThat(send(c, "ACL", "GETUSER", "nobody")).isEqualTo("$-1\r\n");
        assertThat(send(c, "ACL", "DRYRUN", "default", "ping")).isEqualTo("+OK\r\n");
        assertThat(send(c, "ACL", "DELUSER", "default")).isEqualTo("-ERR The 'default' user cannot be removed\r\n");
        assertThat(send(c, "ACL", "SETUSER", "bob", "on")).isEqualTo("+OK\r\n");
        assertThat(send(c, "ACL", "LIST")).isEqualTo("*2\r\n$31\r\nuser bob on resetchannels -@all\r\n"
                + "$34\r\nuser default on nopass ~* &* +@all\r\n");
        assertThat(send(c, "ACL", "DELUSER", "bob", "nobody")).isEqualTo(":1\r\n");
        assertThat(send(c, "ACL", "WHOAMI", "x")).isEqualTo("-ERR wrong number of arguments for 'acl|whoami' command\r\n");
        assertThat(send(c, "ACL", "FOO")).isEqualTo("-ERR unknown subcommand 'FOO'. Try ACL HELP.\r\n");

        assertThat(send(c, "CLIENT", "ID", "x")).isEqualTo("-ERR wrong number of arguments for 'client|id' command\r\n");
        assertThat(send(c, "CLIENT", "GETREDIR")).isEqualTo(":-1\r\n");
        assertThat(send(c, "CLIENT", "TRACKINGINFO")).isEqualTo("*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n"
                + "$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n");
        assertThat(send(c, "CLIENT", "CACHING", "yes")).isEqualTo("-ERR CLIENT CACHING can be called only when the "
                + "client is in tracking mode with OPTIN or OPTOUT mode enabled\r\n");
        assertThat(send(c, "CLIENT", "TRACKING", "on", "prefix", "a"))
                .isEqualTo("-ERR PREFIX option requires BCAST mode to be enabled\r\n");
        assertThat(send(c, "CLIENT", "NO-EVICT", "on")).isEqualTo("+OK\r\n");
        assertThat(send(c, "CLIENT", "UNBLOCK", "5", "timeout")).isEqualTo(":0\r\n");
        assertThat(send(c, "CLIENT", "INFO")).contains(" flags=e ").contains(" cmd=client|info ").endsWith("resp=2\n\r\n");
        assertThat(send(c, "CLIENT", "REPLY", "SKIP")).isEmpty();
        assertThat(send(c, "PING")).isEmpty();
        assertThat(send(c, "PING")).isEqualTo("+PONG\r\n");
        assertThat(send(c, "CLIENT", "REPLY", "OFF")).isEmpty();
        assertThat(send(c, "PING")).isEmpty();
        assertThat(send(c, "CLIENT", "REPLY", "ON")).isEqualTo("+OK\r\n");
        assertHelpListsEverySubcommand(send(c, "CLIENT", "HELP"), "client");
        assertHelpListsEverySubcommand(send(c, "COMMAND", "HELP"), "command");
        assertHelpListsEverySubcommand(send(c, "ACL", "HELP"), "acl");
    }

    /**
     * A HELP reply (our own text): an array of simple strings, the first naming the command, then a line that
     * starts with each subcommand of the command table.
     */
    private static void assertHelpListsEverySubcommand(String reply, String command) {
        List<String> lines = Arrays.asList(reply.split("\r\n"));
        assertThat(lines.get(0)).matches("\\*\\d+");
        assertThat(Integer.parseInt(lines.get(0).substring(1))).isEqualTo(lines.size() - 1);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("+"));
        assertThat(lines.get(1)).startsWith("+" + command.toUpperCase(Locale.ROOT) + " ");
        for (String sub : CommandTable.commands().get(command).subcommands().keySet()) {
            String word = sub.substring(sub.indexOf('|') + 1).toUpperCase(Locale.ROOT);
            assertThat(lines).as("%s HELP lists %s", command, word)
                    .anyMatch(l -> l.equals("+" + word) || l.startsWith("+" + word + " "));
        }
    }

    @Test
    void clientPauseHoldsCommandsUntilItEnds() throws Exception {
        EmbeddedChannel a = client();
        EmbeddedChannel b = client();
        assertThat(send(a, "CLIENT", "PAUSE", "60000", "WRITE")).isEqualTo("+OK\r\n");
        assertThat(send(b, "PING")).isEqualTo("+PONG\r\n");
        assertThat(send(b, "PUBLISH", "__sentinel__:hello", "x")).isEmpty();
        assertThat(send(b, "PING")).isEmpty(); // behind the held PUBLISH
        assertThat(send(a, "CLIENT", "UNPAUSE")).isEqualTo("+OK\r\n");
        loop.runPendingTasks();
        assertThat(drain(b)).isEqualTo(":1\r\n+PONG\r\n");

        assertThat(send(a, "CLIENT", "PAUSE", "1500", "ALL")).isEqualTo("+OK\r\n");
        assertThat(send(b, "CLIENT", "UNPAUSE")).isEmpty(); // ALL holds UNPAUSE too, as stock does
        assertThat(send(b, "NOSUCH")).isEmpty();
        // The pause ends on its own after 1.5 s: the held commands then run (polled, bounded).
        StringBuilder released = new StringBuilder();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            loop.runScheduledPendingTasks();
            released.append(drain(b));
            return released.length() > 0;
        });
        assertThat(released.toString()).startsWith("+OK\r\n-ERR unknown command 'NOSUCH'");
    }

    @Test
    void infoHasStocksSectionsInStocksOrderWithMaxclients() {
        EmbeddedChannel c = client();
        for (String[] args : List.of(new String[] {"INFO"}, new String[] {"INFO", "all"},
                new String[] {"INFO", "everything"}, new String[] {"INFO", "default"})) {
            String info = send(c, args);
            assertThat(Arrays.stream(info.split("\r\n")).filter(l -> l.startsWith("#")).toList())
                    .containsExactly("# Server", "# Clients", "# Stats", "# CPU", "# Sentinel");
            assertThat(info).contains("\r\nmaxclients:10000\r\n", "\r\nused_cpu_user:", "\r\nsentinel_tilt:0\r\n",
                    "\r\ntotal_net_input_bytes:", "\r\nused_cpu_sys_main_thread:", "\r\ntotal_error_replies:")
                    .doesNotContain("used_memory", "rdb_last_bgsave", "master_repl_offset", "cluster_enabled",
                            "pubsub_clients");
        }
        String clients = send(c, "INFO", "clients");
        assertThat(clients.substring(clients.indexOf("\r\n") + 2)).startsWith("# Clients\r\nconnected_clients:1\r\n"
                + "cluster_connections:0\r\nmaxclients:10000\r\nblocked_clients:0\r\ntracking_clients:0\r\n"
                + "clients_in_timeout_table:0\r\n");
    }

    @Test
    void configChangesThatCannotBeSavedAnswerAnError() {
        cfg.file = dir.resolve("removed-dir").resolve("sentinel.conf");
        EmbeddedChannel c = client();
        assertThat(send(c, "SENTINEL", "SET", "mymaster", "quorum", "1")).isEqualTo(NOT_SAVED);
        assertThat(send(c, "SENTINEL", "SET", "mymaster", "rename-command", "a", "b")).isEqualTo(NOT_SAVED);
        assertThat(send(c, "SENTINEL", "CONFIG", "SET", "announce-port", "1234")).isEqualTo(NOT_SAVED);
        assertThat(send(c, "SENTINEL", "MONITOR", "other", "127.0.0.1", "6380", "1")).isEqualTo(NOT_SAVED);
        assertThat(send(c, "SENTINEL", "REMOVE", "other")).isEqualTo(NOT_SAVED);
        assertThat(send(c, "SENTINEL", "FLUSHCONFIG")).isEqualTo(NOT_SAVED);
        assertThat(send(c, "SENTINEL", "RESET", "mymaster")).isEqualTo(":1\r\n");
        assertThat(send(c, "SENTINEL", "SET", "mymaster", "quorum", "abc"))
                .isEqualTo("-ERR Invalid argument 'abc' for SENTINEL SET 'quorum'\r\n");
        cfg.file = dir.resolve("sentinel.conf");
        assertThat(send(c, "SENTINEL", "SET", "mymaster", "quorum", "2")).isEqualTo("+OK\r\n");
    }

    @Test
    void sentinelDebugValuesAreBulkStrings() {
        EmbeddedChannel c = client();
        assertThat(send(c, "SENTINEL", "DEBUG")).startsWith("*26\r\n$11\r\nINFO-PERIOD\r\n$5\r\n10000\r\n"
                + "$11\r\nPING-PERIOD\r\n$4\r\n1000\r\n").endsWith("$18\r\nSCRIPT-RETRY-DELAY\r\n$5\r\n30000\r\n");
        send(c, "HELLO", "3");
        assertThat(send(c, "SENTINEL", "DEBUG")).startsWith("%13\r\n$11\r\nINFO-PERIOD\r\n$5\r\n10000\r\n");
    }

    @Test
    void authAnswersLikeStockWithAndWithoutRequirepass() {
        EmbeddedChannel c = client();
        assertThat(send(c, "AUTH", "x")).isEqualTo("-ERR AUTH <password> called without any password configured "
                + "for the default user. Are you sure your configuration is correct?\r\n");
        assertThat(send(c, "AUTH", "default", "x")).isEqualTo("+OK\r\n");
        assertThat(send(c, "AUTH", "nobody", "x"))
                .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        assertThat(send(c, "HELLO", "3", "AUTH", "default", "x")).startsWith("%6\r\n");

        cfg.requirepass = "secret";
        EmbeddedChannel d = client();
        assertThat(send(d, "AUTH", "x")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        assertThat(send(d, "AUTH", "nobody", "secret"))
                .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        assertThat(send(d, "CLIENT", "ID", "x")).isEqualTo("-ERR wrong number of arguments for 'client|id' command\r\n");
        assertThat(send(d, "CLIENT", "ID")).isEqualTo("-NOAUTH Authentication required.\r\n");
        assertThat(send(d, "HELLO", "3")).isEqualTo("-NOAUTH HELLO must be called with the client already "
                + "authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client "
                + "and select the RESP protocol version at the same time\r\n");
        assertThat(send(d, "AUTH", "default", "secret")).isEqualTo("+OK\r\n");
        assertThat(send(d, "ACL", "LIST")).isEqualTo("*1\r\n$93\r\nuser default on "
                + "#2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b ~* &* +@all\r\n");
    }

    @Test
    void errorsNameTheSubcommandAndShutdownChecksItsOptions() {
        EmbeddedChannel c = client();
        assertThat(send(c, "SHUTDOWN", "foo")).isEqualTo("-ERR syntax error\r\n");
        assertThat(send(c, "SHUTDOWN", "ABORT")).isEqualTo("-ERR No shutdown in progress.\r\n");
        assertThat(shutdownCalled).isFalse();
        assertThat(c.isActive()).isTrue();
        send(c, "SUBSCRIBE", "x");
        assertThat(send(c, "SENTINEL", "MASTERS")).isEqualTo("-ERR Can't execute 'sentinel|masters': only "
                + "(P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n");
        assertThat(send(c, "CLIENT", "FOO")).isEqualTo("-ERR unknown subcommand 'FOO'. Try CLIENT HELP.\r\n");
    }
}
