package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process as redis-sentinel's: a config that cannot be parsed or written stops it at start, naming the file,
 * line and reason; {@code dir} is its working directory; the command-line options are config lines; it
 * daemonizes and writes its pidfile; SENTINEL FLUSHCONFIG rewrites the file like stock (Redis 7.0's
 * "Flush config and compare rewrite config file lines").
 */
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
    void aBadUserLineStopsItWithFileLineAndReason(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, "port 0\nuser app on >pw +nosuch\nsentinel monitor m 127.0.0.1 6379 2\n");
        Result r = run(conf);
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains(conf.toString()).contains("at line 2").contains(">>> 'user app on >pw +nosuch'")
                .contains("Error in user declaration '+nosuch': Unknown command or category name in ACL");
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

    @Test
    void dirIsTheWorkingDirectoryForWhatFollows(@TempDir Path root) throws Exception {
        Path start = Files.createDirectories(root.resolve("start/conf"));
        Path data = Files.createDirectories(root.resolve("data"));
        Path conf = start.resolve("sentinel.conf");
        int port = Procs.freePort();
        String body = "port " + port + "\nbind 127.0.0.1\ndir " + data + "\nlogfile log.txt\npidfile s.pid\n"
                + "sentinel monitor m 127.0.0.1 " + Procs.freePort() + " 2\n";
        Files.writeString(conf, body);
        // Started from another directory, the config given relative to it.
        Process p = Procs.start(new ProcessBuilder(javaCommand("conf/sentinel.conf")).directory(start.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve("stdout.txt").toFile()));
        try {
            awaitPong(port, p);
            Waits.until("the pidfile", 30, () -> Files.exists(data.resolve("s.pid")));
            assertThat(Files.readString(data.resolve("s.pid")).strip()).isEqualTo(Long.toString(p.pid()));
            assertThat(Files.readString(data.resolve("log.txt"))).contains("Sentinel ID is");
            assertThat(start.getParent().resolve("log.txt")).doesNotExist();
            assertThat(start.getParent().resolve("s.pid")).doesNotExist();
            // The rewrite targets the file it was started with, not one in dir.
            assertThat(Files.readString(conf)).startsWith(body).contains("sentinel myid ");
            assertThat(data.resolve("sentinel.conf")).doesNotExist();
            try (Jedis j = new Jedis("127.0.0.1", port, 5000)) {
                assertThat(j.info("server")).contains("config_file:" + conf);
            }
        } finally {
            stop(p);
        }
        assertThat(data.resolve("s.pid")).as("removed at exit").doesNotExist();
    }

    @Test
    void commandLineOptionsAreConfigLinesAfterTheFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, "port 0\nsentinel monitor m 127.0.0.1 " + Procs.freePort() + " 2\n"
                + "sentinel down-after-milliseconds m 1000\n");
        int port = Procs.freePort();
        Path out = dir.resolve("stdout.txt");
        Process p = Procs.start(new ProcessBuilder(javaCommand(conf.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--sentinel", "announce-ip", "1.2.3.4", "--loglevel", "warning",
                "--repl-diskless-sync-delay", "0", "--sentinel")).redirectErrorStream(true)
                .redirectOutput(out.toFile()));
        try {
            awaitPong(port, p);
            try (Jedis j = new Jedis("127.0.0.1", port, 5000)) {
                Object v = j.sendCommand(Protocol.Command.SENTINEL, "CONFIG", "GET", "announce-ip");
                assertThat(new String((byte[]) ((List<?>) v).get(1), StandardCharsets.UTF_8)).isEqualTo("1.2.3.4");
            }
            Waits.until("the rewrite", 30, () -> Files.readString(conf).contains("sentinel announce-ip 1.2.3.4"));
            // loglevel warning: the +sdown warning (nothing listens on the master's port) is logged, the
            // notice-level start line is not.
            Waits.until("+sdown logged", 30, () -> Files.readString(out).contains(" # +sdown master m "));
            assertThat(Files.readString(out)).doesNotContain("Sentinel ID is");
        } finally {
            stop(p);
        }
    }

    @Test
    void daemonizeDetachesAndWritesThePidfile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("sentinel.conf");
        int port = Procs.freePort();
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\nlogfile log.txt\n"
                + "pidfile sentinel.pid\nsentinel monitor m 127.0.0.1 " + Procs.freePort() + " 2\n");
        Process launcher = Procs.start(new ProcessBuilder(javaCommand(conf.toString(), "--daemonize", "yes"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()));
        ProcessHandle daemon = null;
        try {
            assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("the launching process returns").isTrue();
            assertThat(launcher.exitValue()).as(Files.readString(dir.resolve("stdout.txt"))).isZero();
            long pid = Long.parseLong(Files.readString(dir.resolve("sentinel.pid")).strip());
            daemon = ProcessHandle.of(pid).orElseThrow();
            assertThat(pid).isNotEqualTo(launcher.pid());
            assertThat(daemon.isAlive()).isTrue();
            // Its own session (setsid), as a forked daemon: no terminal signal of ours reaches it.
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertThat(f[3]).as("session id").isEqualTo(Long.toString(pid));
            try (Jedis j = new Jedis("127.0.0.1", port, 5000)) {
                assertThat(j.ping()).isEqualTo("PONG");
            }
            assertThat(Files.readString(dir.resolve("log.txt"))).contains("Sentinel ID is");
            daemon.destroy();
            assertThat(daemon.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(dir.resolve("sentinel.pid")).as("removed at exit").doesNotExist();
        } finally {
            if (daemon != null) {
                daemon.destroyForcibly();
            }
            stop(launcher);
        }
    }

    @Test
    void flushConfigKeepsTheLinesItWasStartedWith(@TempDir Path dir) throws Exception {
        // tests/sentinel/tests/includes/sentinel.conf of Redis 7.0, after the harness's port and bind lines.
        String suite = "# assume master is down after being unresponsive for 20s\n"
                + "sentinel down-after-milliseconds setmaster 20000\n"
                + "# reconfigure one slave at a time\n"
                + "sentinel parallel-syncs setmaster 2\n"
                + "# wait for 4m before assuming failover went wrong\n"
                + "sentinel failover-timeout setmaster 240000\n"
                + "# monitoring set\n"
                + "sentinel monitor setmaster 127.0.0.1 " + Procs.freePort() + " 2\n\n\n\n";
        SentinelNode s = new SentinelNode(SentinelNode.Kind.JAVA, dir, Procs.freePort(), suite);
        String original = Files.readString(s.conf);
        try {
            s.start();
            String started = Files.readString(s.conf);
            assertThat(started).startsWith(original).contains("sentinel myid ");
            assertThat(s.sentinel("flushconfig")).isEqualTo("OK");
            assertThat(Files.readString(s.conf)).isEqualTo(started);

            assertThat(s.sentinel("set", "setmaster", "down-after-milliseconds", "25000")).isEqualTo("OK");
            Waits.until("the rewrite", 30, () -> Files.readString(s.conf).contains("setmaster 25000"));
            List<String> was = started.lines().toList();
            List<String> now = Files.readString(s.conf).lines().toList();
            assertThat(now).hasSameSizeAs(was);
            List<String> changed = new ArrayList<>();
            for (int i = 0; i < now.size(); i++) {
                if (!now.get(i).equals(was.get(i))) {
                    changed.add(i + ": " + now.get(i));
                }
            }
            assertThat(changed).containsExactly("3: sentinel down-after-milliseconds setmaster 25000");
        } catch (AssertionError | RuntimeException e) {
            System.out.println(s.log());
            throw e;
        } finally {
            s.kill9();
        }
    }

    private static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx24m", "-cp", System.getProperty("java.class.path"),
                "dev.rfg.sentinel.SentinelMain"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void awaitPong(int port, Process p) {
        Waits.until("sentinel " + port + " up", 60, () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("exited " + p.exitValue());
            }
            try (Jedis j = new Jedis("127.0.0.1", port, 2000)) {
                return "PONG".equals(j.ping());
            }
        });
    }

    /** SIGTERM (the shutdown hooks run), SIGKILL if it does not stop. */
    private static void stop(Process p) throws InterruptedException, IOException {
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                Procs.kill9(p);
            }
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
