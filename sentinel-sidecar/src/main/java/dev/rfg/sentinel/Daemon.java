package dev.rfg.sentinel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code daemonize yes} for a JVM, which cannot fork: the process starts itself again, detached. */
final class Daemon {
    private Daemon() {}

    /** Set in the environment of the detached JVM: the file it writes once it serves (see {@link #daemonize}). */
    static final String READY_ENV = "RFG_SENTINEL_DAEMON_READY";

    /**
     * {@code daemonize yes}: a JVM cannot fork, so it starts itself again, detached (its own session through
     * setsid(1) when there is one, stdin/stdout/stderr on /dev/null as stock's daemon), and returns the exit code
     * for this process: 0 once the detached one serves (it wrote its pidfile), its exit code if it stops before,
     * 0 after 60 s (still starting). The config was already checked here, so its errors show in the foreground as
     * with stock.
     */
    static int daemonize(String[] args) {
        List<String> cmd = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                cmd.add(setsid);
                break;
            }
        }
        ProcessHandle.Info self = ProcessHandle.current().info();
        if (self.command().isPresent() && self.arguments().isPresent()) {
            cmd.add(self.command().get());
            cmd.addAll(List.of(self.arguments().get()));
        } else {
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), SentinelMain.class.getName()));
            cmd.addAll(List.of(args));
        }
        Path ready = null;
        try {
            ready = Files.createTempFile("rfg-sentinel-", ".starting");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put(READY_ENV, ready.toString());
            Process p = pb.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (Files.size(ready) > 0) {
                    return 0;
                }
                if (!p.isAlive() && p.exitValue() != 0) {
                    System.err.println("The daemonized sentinel exited with code " + p.exitValue()
                            + " (see the logfile of its config)");
                    return p.exitValue();
                }
                Thread.sleep(50);
            }
            return 0;
        } catch (IOException e) {
            System.err.println("Can't daemonize: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (ready != null) {
                try {
                    Files.deleteIfExists(ready);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

}
