package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;

/** Raw wire checks: inline commands, RESP3 maps, nulls and push frames, Pub/Sub events, TILT. */
@ExtendWith(GroupExtension.class)
class ServerProtocolTest {

    @Test
    void inlineResp2AndResp3Shapes(Group g) throws Exception {
        g.startRedis(0);
        SentinelNode s = g.addSentinel(JAVA);
        try (Socket sock = new Socket("127.0.0.1", s.port)) {
            sock.setSoTimeout(2000);
            assertThat(exchange(sock, "PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(exchange(sock, "SENTINEL get-master-addr-by-name nosuch\r\n")).isEqualTo("*-1\r\n");
            assertThat(exchange(sock, "*2\r\n$6\r\nCLIENT\r\n$7\r\nSETNAME\r\n")).startsWith("-ERR wrong number of arguments for 'client|setname'");
            assertThat(exchange(sock, "SENTINEL MASTER nosuch\r\n")).isEqualTo("-ERR No such master with that name\r\n");
            assertThat(exchange(sock, "HELLO 4\r\n")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
            String hello = exchange(sock, "HELLO 3\r\n");
            assertThat(hello).startsWith("%6\r\n$6\r\nserver\r\n$5\r\nredis\r\n").contains("$4\r\nmode\r\n$8\r\nsentinel\r\n");
            assertThat(exchange(sock, "SENTINEL get-master-addr-by-name nosuch\r\n")).isEqualTo("_\r\n");
            String master = exchange(sock, "SENTINEL MASTER " + Group.NAME + "\r\n");
            assertThat(master).startsWith("%").contains("$4\r\nport\r\n$" + String.valueOf(g.master().port).length()
                    + "\r\n" + g.master().port + "\r\n");
            assertThat(exchange(sock, "SUBSCRIBE +sdown\r\n")).isEqualTo(">3\r\n$9\r\nsubscribe\r\n$6\r\n+sdown\r\n:1\r\n");
            g.master().kill9();
            String event = readFor(sock, 5000, "+sdown master");
            assertThat(event).startsWith(">3\r\n$7\r\nmessage\r\n$6\r\n+sdown\r\n")
                    .contains("master mymaster 127.0.0.1 " + g.master().port);
        }
    }

    @Test
    void aFrozenSentinelEntersAndLeavesTilt(Group g) throws Exception {
        g.startRedis(0);
        SentinelNode s = g.addSentinel(JAVA);
        s.sentinel("debug", "tilt-period", "1500");
        Procs.signal(s.process(), "STOP");
        Thread.sleep(2500); // the fault itself: the sentinel's timer must miss more than tilt-trigger (2 s)
        Procs.signal(s.process(), "CONT");
        Waits.until("+tilt", 5, () -> s.log().contains("+tilt #tilt mode entered"));
        Waits.until("-tilt", 10, () -> s.log().contains("-tilt #tilt mode exited"));
        assertThat((String) s.command("INFO", "sentinel")).contains("sentinel_tilt:0");
    }

    private static String exchange(Socket sock, String request) throws IOException {
        sock.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        sock.getOutputStream().flush();
        return readFor(sock, 300, null);
    }

    /** Reads until {@code until} appears (or, if null, until the socket is quiet), within a bound. */
    private static String readFor(Socket sock, long ms, String until) throws IOException {
        StringBuilder sb = new StringBuilder();
        InputStream in = sock.getInputStream();
        long deadline = System.currentTimeMillis() + ms;
        byte[] buf = new byte[8192];
        sock.setSoTimeout(until == null ? 150 : 100);
        while (System.currentTimeMillis() < deadline) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (until != null && sb.indexOf(until) >= 0) {
                    break;
                }
            } catch (SocketTimeoutException quiet) {
                if (until == null && !sb.isEmpty()) {
                    break;
                }
            }
        }
        return sb.toString();
    }

}
