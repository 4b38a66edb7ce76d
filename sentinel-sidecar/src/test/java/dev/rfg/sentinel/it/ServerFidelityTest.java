package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.SentinelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static dev.rfg.sentinel.harness.SentinelNode.Kind.STOCK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stock redis-sentinel and an RFG sentinel side by side, same config: the same requests (pipelined on one
 * connection, in RESP2 and after HELLO 3) must get the same bytes back. Covers the command table (COMMAND LIST,
 * COUNT, INFO and DOCS of every entry), the ACL, CLIENT and COMMAND subcommands, error texts and INFO's sections
 * and fields, and users ({@link #ACL_REQUESTS}: rules, their errors and descriptions, AUTH, NOPERM, DRYRUN).
 * Requests whose replies carry ids, times or random data are left out, as are the deviations kept on purpose:
 * CLIENT SETINFO and SENTINEL SWITCHOVER (README "Deviations"), QUIT (+OK, stock 7.0: unknown command), and
 * rules whose description lists single commands in stock's hash-table order (random per process).
 * The free text RFG writes in its own words is not compared byte for byte: in COMMAND DOCS the summaries,
 * complexity notes that are more than a bare formula and history notes are masked (the rest of the reply,
 * keys, order and types included, must still match), and a HELP reply must be a listing of simple strings
 * naming the same subcommands as stock's.
 */
@ExtendWith(GroupExtension.class)
class ServerFidelityTest {
    /** Each line one request, split on spaces ('' is an empty argument). */
    private static final List<String> REQUESTS = List.of(
            "PING", "PING a", "PING a b", "ROLE", "COMMAND COUNT", "COMMAND COUNT x", "COMMAND HELP", "COMMAND FOO",
            "COMMAND INFO nosuch ping", "COMMAND DOCS nosuch", "COMMAND DOCS PING", "COMMAND GETKEYS ping",
            "COMMAND GETKEYS nosuch x", "COMMAND GETKEYSANDFLAGS sentinel masters", "COMMAND LIST foo",
            "COMMAND LIST FILTERBY pattern", "COMMAND LIST FILTERBY foo x", "COMMAND LIST FILTERBY module x",
            "CLIENT", "CLIENT HELP", "CLIENT HELP x", "CLIENT FOO", "CLIENT ID x",
            "CLIENT GETNAME", "CLIENT SETNAME", "CLIENT SETNAME a\u0001", "CLIENT SETNAME n1", "CLIENT GETNAME",
            "CLIENT SETNAME ''", "CLIENT GETNAME", "CLIENT GETREDIR", "CLIENT TRACKINGINFO", "CLIENT CACHING yes",
            "CLIENT TRACKING on optin optout", "CLIENT TRACKING on bcast optin", "CLIENT TRACKING on prefix a",
            "CLIENT TRACKING on redirect abc", "CLIENT TRACKING on redirect", "CLIENT TRACKING on redirect 99999",
            "CLIENT TRACKING on noloop", "CLIENT TRACKINGINFO", "CLIENT GETREDIR", "CLIENT TRACKING on optout",
            "CLIENT TRACKING on optin", "CLIENT CACHING no", "CLIENT CACHING yes", "CLIENT CACHING foo",
            "CLIENT TRACKINGINFO", "PING", "CLIENT TRACKINGINFO", "CLIENT TRACKING off", "CLIENT TRACKING on bcast",
            "CLIENT TRACKING on bcast prefix b", "CLIENT TRACKING on", "CLIENT TRACKING off",
            "CLIENT TRACKING on bcast prefix a prefix ab", "CLIENT TRACKING on bcast prefix a prefix b",
            "CLIENT TRACKINGINFO", "CLIENT TRACKING off", "CLIENT TRACKING maybe", "CLIENT TRACKING on on",
            "CLIENT NO-EVICT foo", "CLIENT NO-EVICT on", "CLIENT NO-EVICT off", "CLIENT REPLY foo", "CLIENT REPLY on",
            "CLIENT PAUSE abc", "CLIENT PAUSE -5", "CLIENT PAUSE 10 foo", "CLIENT PAUSE abc foo",
            "CLIENT PAUSE 1 all x", "CLIENT PAUSE 0", "CLIENT UNPAUSE", "CLIENT UNPAUSE x", "CLIENT UNBLOCK abc",
            "CLIENT UNBLOCK 5 foo", "CLIENT UNBLOCK 5 timeout", "CLIENT UNBLOCK 1 2 3", "CLIENT LIST type",
            "CLIENT LIST id", "CLIENT LIST id 1 abc", "CLIENT LIST type foo", "CLIENT LIST foo", "CLIENT KILL",
            "CLIENT KILL 1.2.3.4:5", "CLIENT KILL 1.2.3.4:5 x", "CLIENT KILL id 0", "CLIENT KILL id abc",
            "CLIENT KILL id 99999", "CLIENT KILL id 1 skipme maybe", "CLIENT KILL user nobody",
            "CLIENT KILL user default laddr 1.2.3.4:1", "CLIENT KILL type foo", "CLIENT KILL maxage 5",
            "ACL", "ACL FOO", "ACL HELP", "ACL WHOAMI", "ACL WHOAMI x", "ACL USERS", "ACL LIST", "ACL CAT",
            "ACL CAT foo", "ACL CAT a b", "ACL CAT read", "ACL GENPASS 0", "ACL GENPASS abc", "ACL GENPASS 4097",
            "ACL GENPASS 1 2", "ACL GETUSER default", "ACL GETUSER nobody", "ACL LOG reset", "ACL LOG",
            "ACL LOG abc", "ACL LOG reset x", "ACL DRYRUN default ping", "ACL DRYRUN nobody ping",
            "ACL DRYRUN default foo", "ACL DRYRUN default client", "ACL DRYRUN default client foo",
            "ACL DRYRUN default client id x", "ACL DRYRUN default ping a b", "ACL DELUSER default",
            "ACL DELUSER a b", "ACL SAVE", "ACL LOAD", "AUTH x", "AUTH default x", "AUTH nobody x", "AUTH a b c",
            "HELLO abc", "HELLO 1", "HELLO 3 foo", "HELLO 3 auth", "HELLO 3 auth nobody x", "HELLO 3 setname a\u0001",
            "SHUTDOWN foo", "SHUTDOWN abort", "SHUTDOWN nosave foo", "SHUTDOWN save nosave", "SHUTDOWN abort now",
            "INFO foo", "GET a", "MULTI", "foo bar baz",
            "SENTINEL", "SENTINEL FOO", "SENTINEL HELP", "SENTINEL MASTER", "SENTINEL MASTER nosuch", "SENTINEL MYID x",
            "SENTINEL DEBUG", "SENTINEL DEBUG foo", "SENTINEL DEBUG info-period", "SENTINEL DEBUG info-period abc",
            "SENTINEL DEBUG info-period 10000", "SENTINEL CONFIG GET", "SENTINEL CONFIG GET *",
            "SENTINEL CONFIG GET announce*", "SENTINEL CONFIG SET foo bar", "SENTINEL CONFIG SET announce-port abc",
            "SENTINEL CONFIG foo", "SENTINEL CONFIG GET a b", "SENTINEL INFO-CACHE nosuch",
            "SENTINEL SET mymaster foo 1", "SENTINEL SET mymaster quorum abc", "SENTINEL SET mymaster quorum 0",
            "SENTINEL SET nosuch quorum 1", "SENTINEL RESET", "SENTINEL RESET nosuch*",
            "SENTINEL SIMULATE-FAILURE foo", "SENTINEL SIMULATE-FAILURE help", "SENTINEL PENDING-SCRIPTS",
            "SENTINEL CKQUORUM nosuch", "SENTINEL IS-MASTER-DOWN-BY-ADDR 1.2.3.4 abc 0 *",
            "SENTINEL IS-MASTER-DOWN-BY-ADDR 1.2.3.4 5 0 *", "SENTINEL MONITOR a 1.2.3.4 abc 1",
            "SENTINEL MONITOR a 1.2.3.4 1 abc", "SENTINEL MONITOR a 1.2.3.4 1 0", "SENTINEL FLUSHCONFIG x",
            "SENTINEL GET-MASTER-ADDR-BY-NAME nosuch", "PUBLISH foo bar", "SUBSCRIBE", "SUBSCRIBE x", "PING",
            "PING x", "UNSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE");
    /**
     * Users: created, changed, described, refused, logged in as and deleted, on the same connection (which ends
     * as {@code default} again); the rules are ones whose description stock gives in a fixed order.
     */
    private static final List<String> ACL_REQUESTS = List.of(
            "ACL SETUSER fid on >secret +@all -@admin &chan* ~k* %R~r* %W~w", "ACL USERS", "ACL LIST",
            "ACL GETUSER fid", "ACL SETUSER fid -@all +client|id +ping|x (~a +ping) (&b -@all) +@connection",
            "ACL GETUSER fid", "ACL SETUSER fid -@all +ping|x", "ACL LIST", "ACL SETUSER fid foo",
            "ACL SETUSER fid +nosuch", "ACL SETUSER fid +client|kill|x", "ACL SETUSER fid +client|",
            "ACL SETUSER fid -client|", "ACL SETUSER fid allkeys ~x", "ACL SETUSER fid allchannels &x",
            "ACL SETUSER fid <nope", "ACL SETUSER fid #abc", "ACL SETUSER fid (+ping", "ACL SETUSER fid (~a &b) (",
            "ACL SETUSER fid %X~a", "ACL SETUSER fid on (foo)", "ACL GETUSER fid", "ACL SETUSER off1",
            "ACL SETUSER off1 reset", "ACL GETUSER off1", "ACL DRYRUN fid ping", "ACL DRYRUN fid ping x",
            "ACL DRYRUN fid client id", "ACL DRYRUN fid client kill 1.2.3.4:5", "ACL DRYRUN fid hello",
            "ACL SETUSER fid &chan* +publish +subscribe", "ACL DRYRUN fid publish chanx m",
            "ACL DRYRUN fid publish other m", "ACL DRYRUN fid subscribe chan1 other", "AUTH fid wrong",
            "AUTH nobody secret", "AUTH fid secret", "ACL WHOAMI", "PING", "PING x", "CLIENT GETNAME",
            "SENTINEL MASTERS", "SUBSCRIBE other", "PUBLISH other m", "ACL LOG", "AUTH default x", "ACL WHOAMI",
            "ACL LOG 0", "ACL LOG -1", "CLIENT KILL USER fid", "CLIENT KILL USER nobody", "ACL DELUSER fid off1 no",
            "ACL DELUSER fid", "ACL USERS", "ACL LOG RESET", "ACL LOG");
    /** RESP2 only: what a subscribed client may not run (in RESP3 these would answer with state). */
    private static final List<String> RESP2_PUBSUB = List.of("SUBSCRIBE x", "CLIENT ID", "SENTINEL MASTERS",
            "COMMAND COUNT", "ACL WHOAMI", "PING", "UNSUBSCRIBE");
    /** INFO fields of stock that have no meaning in RFG (InfoCommand), and RFG's documented extra. */
    private static final Set<String> NOT_IN_RFG = Set.of("monotonic_clock", "atomicvar_api", "gcc_version",
            "process_supervised", "lru_clock", "executable", "client_recent_max_input_buffer",
            "client_recent_max_output_buffer", "total_net_repl_input_bytes", "total_net_repl_output_bytes",
            "instantaneous_input_repl_kbps", "instantaneous_output_repl_kbps", "sync_full", "sync_partial_ok",
            "sync_partial_err", "expired_keys", "expired_stale_perc", "expired_time_cap_reached_count",
            "expire_cycle_cpu_milliseconds", "evicted_keys", "evicted_clients", "total_eviction_exceeded_time",
            "current_eviction_exceeded_time", "keyspace_hits", "keyspace_misses", "pubsubshard_channels",
            "latest_fork_usec", "total_forks", "migrate_cached_sockets", "slave_expires_tracked_keys",
            "active_defrag_hits", "active_defrag_misses", "active_defrag_key_hits", "active_defrag_key_misses",
            "total_active_defrag_time", "current_active_defrag_time", "dump_payload_sanitizations",
            "io_threaded_reads_processed", "io_threaded_writes_processed", "reply_buffer_shrinks",
            "reply_buffer_expands");

    @Test
    void repliesAreStocksByteForByte(Group g) throws Exception {
        g.startRedis(0);
        SentinelNode stock = g.addSentinel(STOCK);
        SentinelNode rfg = g.addSentinel(JAVA);
        List<String> mismatches = new ArrayList<>();
        for (String hello : new String[] {null, "HELLO 3"}) {
            List<List<String>> requests = new ArrayList<>();
            if (hello != null) {
                requests.add(args(hello));
            }
            REQUESTS.stream().map(ServerFidelityTest::args).forEach(requests::add);
            if (hello == null) {
                RESP2_PUBSUB.stream().map(ServerFidelityTest::args).forEach(requests::add);
            }
            ACL_REQUESTS.stream().map(ServerFidelityTest::args).forEach(requests::add);
            compare(stock, rfg, requests, mismatches);

            // The command table: every entry's INFO and DOCS. A container's subcommands come in the order of
            // stock's dict, which differs between runs: its lines are compared as a sorted list.
            List<String> names = bulks(exchange(stock.port, List.of(args("COMMAND LIST"))).get(0));
            assertThat(names).hasSize(72);
            assertThat(bulks(exchange(rfg.port, List.of(args("COMMAND LIST"))).get(0)))
                    .containsExactlyInAnyOrderElementsOf(names);
            List<List<String>> table = new ArrayList<>();
            if (hello != null) {
                table.add(args(hello));
            }
            for (String n : names) {
                table.add(List.of("COMMAND", "INFO", n));
                table.add(List.of("COMMAND", "DOCS", n));
            }
            table.add(args("COMMAND"));
            table.add(args("COMMAND DOCS"));
            table.add(args("ACL CAT admin"));
            table.add(args("COMMAND LIST FILTERBY aclcat slow"));
            List<String> a = exchange(stock.port, table);
            List<String> b = exchange(rfg.port, table);
            for (int i = hello == null ? 0 : 1; i < table.size(); i++) {
                String sa = isDocs(table.get(i)) ? maskProse(a.get(i)) : a.get(i);
                String sb = isDocs(table.get(i)) ? maskProse(b.get(i)) : b.get(i);
                if (!sortedLines(sa).equals(sortedLines(sb))) {
                    mismatches.add(hello + " " + table.get(i) + "\n  stock: " + a.get(i) + "\n  rfg:   " + b.get(i));
                }
            }
        }
        assertThat(mismatches).isEmpty();

        String stockInfo = exchange(stock.port, List.of(args("INFO everything"))).get(0);
        String rfgInfo = exchange(rfg.port, List.of(args("INFO everything"))).get(0);
        assertThat(fields(rfgInfo).stream().filter(f -> !f.equals("implementation")).toList())
                .containsExactlyElementsOf(fields(stockInfo).stream().filter(f -> !NOT_IN_RFG.contains(f)).toList());
    }

    private static void compare(SentinelNode stock, SentinelNode rfg, List<List<String>> requests,
                                List<String> mismatches) throws IOException {
        List<String> a = exchange(stock.port, requests);
        List<String> b = exchange(rfg.port, requests);
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).get(0).equals("HELLO") && requests.get(i).size() == 2) {
                continue; // carries the client id
            }
            List<String> r = requests.get(i);
            String sa = a.get(i);
            String sb = b.get(i);
            if (isHelp(r)) {
                sa = helpOutline(sa, Set.of());
                // RFG's own subcommands (README "Deviations"): CLIENT SETINFO, SENTINEL SWITCHOVER.
                sb = helpOutline(sb, r.get(0).equalsIgnoreCase("CLIENT") ? Set.of("SETINFO")
                        : r.get(0).equalsIgnoreCase("SENTINEL") ? Set.of("SWITCHOVER") : Set.of());
            } else if (isDocs(r)) {
                sa = maskProse(sa);
                sb = maskProse(sb);
            }
            if (!sa.equals(sb)) {
                mismatches.add(r + "\n  stock: " + sa + "\n  rfg:   " + sb);
            }
        }
    }

    private static List<String> args(String line) {
        return Arrays.stream(line.split(" ")).map(w -> w.equals("''") ? "" : w).toList();
    }

    /** Sends all requests at once, then reads one RESP reply per request (each returned raw). */
    private static List<String> exchange(int port, List<List<String>> requests) throws IOException {
        try (Socket sock = new Socket("127.0.0.1", port)) {
            sock.setSoTimeout(10_000);
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            for (List<String> r : requests) {
                req.writeBytes(("*" + r.size() + "\r\n").getBytes(StandardCharsets.UTF_8));
                for (String a : r) {
                    byte[] b = a.getBytes(StandardCharsets.UTF_8);
                    req.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                    req.writeBytes(b);
                    req.writeBytes(new byte[] {'\r', '\n'});
                }
            }
            OutputStream out = sock.getOutputStream();
            out.write(req.toByteArray());
            out.flush();
            InputStream in = new BufferedInputStream(sock.getInputStream());
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                ByteArrayOutputStream reply = new ByteArrayOutputStream();
                readReply(in, reply);
                replies.add(reply.toString(StandardCharsets.UTF_8));
            }
            return replies;
        }
    }

    private static void readReply(InputStream in, ByteArrayOutputStream out) throws IOException {
        String line = readLine(in, out);
        char type = line.charAt(0);
        switch (type) {
            case '$', '=' -> {
                int n = Integer.parseInt(line.substring(1));
                if (n >= 0) {
                    out.write(in.readNBytes(n + 2));
                }
            }
            case '*', '~', '>', '%' -> {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < (type == '%' ? 2 * n : n); i++) {
                    readReply(in, out);
                }
            }
            default -> {
                // a single line: + - : _ , #
            }
        }
    }

    private static String readLine(InputStream in, ByteArrayOutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed after " + sb);
            }
            sb.append((char) c);
            out.write(c);
        }
        out.write('\n');
        return sb.substring(0, sb.length() - 1);
    }

    private static List<String> bulks(String reply) {
        Matcher m = Pattern.compile("\\$\\d+\r\n([^\r]*)\r\n").matcher(reply);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<String> sortedLines(String reply) {
        return Arrays.stream(reply.split("\r\n")).sorted().toList();
    }

    private static boolean isHelp(List<String> request) {
        return request.size() == 2 && request.get(1).equalsIgnoreCase("HELP");
    }

    private static boolean isDocs(List<String> request) {
        return request.size() >= 2 && request.get(0).equalsIgnoreCase("COMMAND")
                && request.get(1).equalsIgnoreCase("DOCS");
    }

    /** A complexity that is only a formula ("O(1)", "O(N)", "O(1)."), which RFG keeps as stock has it. */
    private static final Pattern BARE_COMPLEXITY = Pattern.compile("O\\([^)]*\\)\\.?");

    /**
     * A COMMAND DOCS reply with its prose masked: the values of summary, display_text and of a complexity that is
     * more than a bare formula become {@code <prose>} ({@code <no prose>} if empty), as does the note of each
     * history entry (its version is kept). Everything else is written back as it came.
     */
    private static String maskProse(String raw) {
        StringBuilder out = new StringBuilder();
        mask(parse(raw)).write(out);
        return out.toString();
    }

    private static Resp mask(Resp r) {
        List<Resp> items = new ArrayList<>(r.items().stream().map(ServerFidelityTest::mask).toList());
        // RESP3 maps and RESP2's flat key/value arrays alike: keys at the even places
        for (int k = 0; k + 1 < items.size() && (r.type() == '%' || r.type() == '*'); k += 2) {
            String key = items.get(k).data();
            Resp v = items.get(k + 1);
            if (key == null) {
                continue;
            }
            switch (key) {
                case "summary", "display_text" -> items.set(k + 1, prose(v));
                case "complexity" -> {
                    if (v.data() == null || !BARE_COMPLEXITY.matcher(v.data()).matches()) {
                        items.set(k + 1, prose(v));
                    }
                }
                case "history" -> items.set(k + 1, new Resp(v.type(), v.head(), null, v.items().stream()
                        .map(e -> e.items().size() == 2 ? new Resp(e.type(), e.head(), null,
                                List.of(e.items().get(0), prose(e.items().get(1)))) : e).toList()));
                default -> {
                    // a functional field, compared as it is
                }
            }
        }
        return new Resp(r.type(), r.head(), r.data(), items);
    }

    /** A bulk string's text replaced by a marker; anything else kept, so that a type difference still shows. */
    private static Resp prose(Resp v) {
        if (v.type() != '$' || v.data() == null) {
            return v;
        }
        String marker = v.data().isEmpty() ? "<no prose>" : "<prose>";
        return new Resp('$', String.valueOf(marker.length()), marker, List.of());
    }

    /**
     * A HELP reply reduced to what is not prose: whether it is an array of simple strings, the command its first
     * line names, and the subcommands it lists (the first word of each unindented line after the first, when that
     * is a subcommand name), less {@code ignore}.
     */
    private static String helpOutline(String raw, Set<String> ignore) {
        Resp r = parse(raw);
        if (r.type() != '*' || r.items().isEmpty() || r.items().stream().anyMatch(i -> i.type() != '+')) {
            return "not a help listing: " + raw;
        }
        TreeSet<String> subcommands = new TreeSet<>();
        for (Resp line : r.items().subList(1, r.items().size())) {
            String first = line.head().split(" ", 2)[0];
            if (!line.head().startsWith(" ") && first.matches("[A-Z][A-Z-]*")) {
                subcommands.add(first);
            }
        }
        subcommands.removeAll(ignore);
        return "help of " + r.items().get(0).head().split(" ", 2)[0] + ": " + subcommands;
    }

    /** One RESP reply: its type byte, the rest of its first line, a bulk's text (else null) and its elements. */
    private record Resp(char type, String head, String data, List<Resp> items) {
        void write(StringBuilder out) {
            out.append(type).append(head).append("\r\n");
            if (data != null) {
                out.append(data).append("\r\n");
            }
            items.forEach(i -> i.write(out));
        }
    }

    private static Resp parse(String raw) {
        byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        int[] pos = {0};
        Resp r = parse(b, pos);
        assertThat(pos[0]).as("one reply in %s", raw).isEqualTo(b.length);
        return r;
    }

    private static Resp parse(byte[] b, int[] pos) {
        int eol = pos[0];
        while (b[eol] != '\r') {
            eol++;
        }
        char type = (char) b[pos[0]];
        String head = new String(b, pos[0] + 1, eol - pos[0] - 1, StandardCharsets.UTF_8);
        pos[0] = eol + 2;
        switch (type) {
            case '$', '=', '!' -> {
                int n = Integer.parseInt(head);
                if (n < 0) {
                    return new Resp(type, head, null, List.of());
                }
                String data = new String(b, pos[0], n, StandardCharsets.UTF_8);
                pos[0] += n + 2;
                return new Resp(type, head, data, List.of());
            }
            case '*', '~', '>', '%' -> {
                int n = Integer.parseInt(head);
                List<Resp> items = new ArrayList<>();
                for (int i = 0; i < (type == '%' ? 2 * n : n); i++) {
                    items.add(parse(b, pos));
                }
                return new Resp(type, head, null, items);
            }
            default -> {
                return new Resp(type, head, null, List.of());
            }
        }
    }

    private static List<String> fields(String info) {
        return Arrays.stream(info.split("\r\n")).filter(l -> l.contains(":") && !l.startsWith("$"))
                .map(l -> l.substring(0, l.indexOf(':'))).filter(f -> !f.matches("master\\d+")).toList();
    }
}
