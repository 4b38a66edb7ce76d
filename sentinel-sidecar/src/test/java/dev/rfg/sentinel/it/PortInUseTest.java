package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Procs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A port that is taken ends the start with exit 1 and stock's message in the log file, and nothing on stderr: Redis's
 * own suite counts any stderr output of an instance as a failed test (it retries on another port by itself).
 */
class PortInUseTest {
    @TempDir
    Path dir;

    @Test
    void aTakenPortIsLoggedAndExitsOneWithEmptyStderr() throws Exception {
        // The launcher's -Dio.netty.noUnsafe=true keeps the JDK's Unsafe warning off stderr too.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path conf = dir.resolve("sentinel.conf");
            Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\nlogfile log.txt\n"
                    + "sentinel monitor m 127.0.0.1 " + Procs.freePort() + " 1\n");
            Path err = dir.resolve("err.txt");
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dio.netty.noUnsafe=true", "-cp", System.getProperty("java.class.path"),
                    "dev.rfg.sentinel.SentinelMain", conf.toString()))
                    .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(Files.readString(err)).isEmpty();
            assertThat(Files.readString(dir.resolve("log.txt")))
                    .contains("Could not create server TCP listening socket 127.0.0.1:" + port);
        }
    }
}
