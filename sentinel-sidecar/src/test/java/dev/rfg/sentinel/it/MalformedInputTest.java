package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.SentinelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random, truncated and hostile RESP at the port: each bad connection gets an error or is closed,
 * while a long-lived healthy client keeps working and memory stays bounded.
 */
@ExtendWith(GroupExtension.class)
class MalformedInputTest {
    private static final List<String> SEEDS = List.of(
            "*3\r\n$8\r\nSENTINEL\r\n$7\r\nmasters\r\n", "*2\r\n$4\r\nPING\r\n$3\r\nabc\r\n",
            "*1\r\n$4\r\nPING\r\n", "PING\r\n", "SENTINEL get-master-addr-by-name mymaster\r\n",
            "*2\r\n$9\r\nSUBSCRIBE\r\n$3\r\nfoo\r\n", "*3\r\n$5\r\nHELLO\r\n$1\r\n3\r\n");
    private static final List<String> HOSTILE = List.of(
            "$999999999999\r\n", "*2147483647\r\n", "*1\r\n$2147483647\r\n", "*100000000\r\n$1\r\nx\r\n",
            "*-5\r\n", "$-7\r\n", ":notanumber\r\n", "+OK\r\n", "-ERR x\r\n", "*1\r\n*1\r\n*1\r\n$1\r\nx\r\n",
            "*2\r\n$3\r\nfoo\r\n:1\r\n", "\"unbalanced quotes\r\n", "SET a 'b\r\n", "\u0000\u0001\u0002\r\n",
            "x".repeat(70_000) + "\r\n", "*1\r\n$3\r\nabcdef\r\n", "*1\r\n$4\r\nPI", "*3\r\n$8\r\nSENTINEL\r\n");

    @Test
    void garbageNeverCrashesTheServer(Group g) throws Exception {
        g.startRedis(0);
        SentinelNode s = g.addSentinel(JAVA);
        Random rnd = new Random(42);
        try (Jedis healthy = s.jedis()) {
            for (String h : HOSTILE) {
                blast(s.port, h.getBytes(StandardCharsets.ISO_8859_1));
                assertThat(healthy.ping()).isEqualTo("PONG");
            }
            for (int i = 0; i < 400; i++) {
                byte[] frame = mutate(rnd);
                blast(s.port, frame);
                if (i % 20 == 0) {
                    assertThat(healthy.ping()).isEqualTo("PONG");
                }
            }
            // A stream of huge bulk payloads that are never completed must not be buffered.
            try (Socket sock = new Socket("127.0.0.1", s.port)) {
                OutputStream out = sock.getOutputStream();
                out.write("*2\r\n$4\r\nPING\r\n$500000000\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (int i = 0; i < 200; i++) {
                        out.write(chunk);
                    }
                } catch (IOException closed) {
                    // the server hung up on us: what we want
                }
            }
            assertThat(healthy.ping()).isEqualTo("PONG");
            assertThat(healthy.sendCommand(() -> "SENTINEL".getBytes(), "myid")).isNotNull();
        }
        assertThat(s.alive()).isTrue();
        long rssMib = Procs.rssKib(s.process().pid()) / 1024;
        assertThat(rssMib).as("sentinel RSS in MiB").isLessThan(160);
    }

    private static byte[] mutate(Random rnd) {
        byte[] base = SEEDS.get(rnd.nextInt(SEEDS.size())).getBytes(StandardCharsets.US_ASCII);
        return switch (rnd.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(base, rnd.nextInt(base.length));              // truncated
            case 1 -> {                                                                      // bit flips
                byte[] b = base.clone();
                for (int k = 0; k < 3; k++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                yield b;
            }
            case 2 -> {                                                                      // random bytes
                byte[] b = new byte[1 + rnd.nextInt(200)];
                rnd.nextBytes(b);
                yield b;
            }
            default -> (base.length > 4 ? new String(base, StandardCharsets.US_ASCII)
                    .replaceFirst("\\$\\d+", "\\$" + rnd.nextInt(Integer.MAX_VALUE))
                    : "*1\r\n").getBytes(StandardCharsets.US_ASCII);                         // wrong lengths
        };
    }

    /** Sends the bytes, reads whatever comes back for a moment, then closes. */
    private static void blast(int port, byte[] bytes) throws IOException {
        try (Socket sock = new Socket("127.0.0.1", port)) {
            sock.setSoTimeout(30);
            try {
                sock.getOutputStream().write(bytes);
                sock.getOutputStream().flush();
            } catch (IOException reset) {
                return;
            }
            InputStream in = sock.getInputStream();
            byte[] buf = new byte[4096];
            try {
                while (in.read(buf) >= 0) {
                    // drain
                }
            } catch (SocketTimeoutException | java.net.SocketException done) {
                // nothing more to read
            }
        }
    }
}
