package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A "master" that answers every command with an endless bulk string announced as 40 MiB: the sentinel (with the
 * launcher's 12 MiB heap) closes that link instead of buffering it, and keeps serving; the master shows as
 * disconnected.
 */
@ExtendWith(GroupExtension.class)
class OversizedReplyTest {
    @Test
    void aHugeReplyFromAMonitoredInstanceClosesTheLinkNotTheSentinel(Group g) throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> {
                while (!fake.isClosed()) {
                    try {
                        Socket s = fake.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> flood(s));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            // The launcher's heap; the jar is not built yet when this test runs, so the class path stands in.
            SentinelNode s = new SentinelNode(JAVA, g.root, Procs.freePort(),
                    "sentinel monitor " + Group.NAME + " 127.0.0.1 " + fake.getLocalPort() + " 1\n"
                            + "sentinel down-after-milliseconds " + Group.NAME + " 2000\n")
                    .javaOption("-Xmx12m").javaOption("-XX:+ExitOnOutOfMemoryError").start();
            g.sentinels.add(s);
            Waits.until("the sentinel reconnected after closing an oversized reply", 20, () -> connections.get() >= 3);
            assertThat(s.alive()).isTrue();
            assertThat(s.command("PING")).isEqualTo("PONG");
            assertThat(s.master(Group.NAME).get("flags")).contains("disconnected");
            fake.close();
            server.join(5000);
        }
    }

    private static void flood(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            in.read(new byte[512]);
            out.write("$41943040\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 640; i++) {
                out.write(chunk);
            }
        } catch (Exception ignored) {
            // the sentinel closed the connection: what the test wants
        }
    }
}
