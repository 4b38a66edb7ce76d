package dev.rfg.sentinel.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A config that cannot be parsed or written stops the sentinel at start, naming the file, line and reason. */
class StartupTest {

    @Test
    void unparsableConfigStopsItWithFileLineAndReason(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, "port 0\n# fine so far\nsentinel monitor m 127.0.0.1 6379 zero\n");
        Result r = run(conf);
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains(conf.toString()).contains("at line 3")
                .contains(">>> 'sentinel monitor m 127.0.0.1 6379 zero'").contains("Quorum must be 1 or greater.");
    }

    @Test
    void unwritableConfigStopsIt(@TempDir Path dir) throws Exception {
        // File permissions do not stop root, so this check needs an ordinary user.
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")));
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, "port 0\nsentinel monitor m 127.0.0.1 6379 2\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Result r = run(conf);
            assertThat(r.exit).isEqualTo(1);
            assertThat(r.output).contains(conf.toString());
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(Path conf) throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.rfg.sentinel.SentinelMain", conf.toString())).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sentinel did not stop");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
