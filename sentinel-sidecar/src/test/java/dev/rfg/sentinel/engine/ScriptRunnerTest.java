package dev.rfg.sentinel.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Scripts run as redis-sentinel runs them: real /bin/sh processes, the engine on a fake clock. */
class ScriptRunnerTest {
    @TempDir
    Path dir;
    private EngineFixture f;
    private MasterInstance m;

    @BeforeEach
    void engine() {
        f = new EngineFixture();
        f.s.config.workDir = dir;
        m = f.master("m", "10.0.0.10", 6379);
    }

    @AfterEach
    void stop() throws Exception {
        onLoop(() -> {
            f.s.scripts.jobs().forEach(j -> {
                if (j.process != null) {
                    j.process.destroyForcibly();
                }
            });
            return null;
        });
        f.close();
    }

    @Test
    void theNotificationScriptGetsEveryWarningEventOfItsMaster() throws Exception {
        m.notificationScript = script("notify.sh", "echo \"$1|$2\" >> events.txt");
        onLoop(() -> {
            f.s.event("+sdown", m, null);
            f.s.event(dev.rfg.sentinel.events.SentinelEvent.Level.NOTICE, "+slave", m, null);
            f.s.scripts.tick();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> onLoop(() -> f.s.scripts.jobs().isEmpty()));
        assertThat(Files.readAllLines(dir.resolve("events.txt"))).containsExactly("+sdown|master m 10.0.0.10 6379");
    }

    @Test
    void exitOneIsRetriedWithADoublingDelayUpToTenRunsThenAScriptError() throws Exception {
        String path = script("retry.sh", "echo run >> runs.txt; exit 1");
        onLoop(() -> {
            f.s.scripts.schedule(List.of(path, "x"));
            return null;
        });
        for (int run = 1; run <= ScriptRunner.MAX_RETRY; run++) {
            int expected = run;
            onLoop(() -> {
                f.s.scripts.tick();
                return null;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> runs() == expected
                    && onLoop(() -> f.s.scripts.jobs().stream().noneMatch(j -> j.running)));
            if (run < ScriptRunner.MAX_RETRY) {
                long due = onLoop(() -> f.s.scripts.jobs().get(0).startTime);
                assertThat(due - f.clock.now()).isEqualTo(f.s.timers.scriptRetryDelay << (run - 1));
                onLoop(() -> {
                    f.s.scripts.tick(); // not due yet: no run
                    return null;
                });
                f.clock.advance(due - f.clock.now());
            }
        }
        assertThat(onLoop(() -> f.s.scripts.jobs())).isEmpty();
        assertThat(f.events).anyMatch(e -> e.type().equals("-script-error") && e.payload().equals(path + " 0 1"));
        assertThat(runs()).isEqualTo(ScriptRunner.MAX_RETRY);
    }

    @Test
    void aScriptRunningPastTheMaxRuntimeIsKilled() throws Exception {
        String path = script("slow.sh", "exec sleep 60");
        onLoop(() -> {
            f.s.scripts.schedule(List.of(path));
            f.s.scripts.tick();
            return null;
        });
        f.clock.advance(f.s.timers.scriptMaxRuntime + 1);
        onLoop(() -> {
            f.s.scripts.tick();
            return null;
        });
        assertThat(f.eventTypes()).contains("-script-timeout");
        await().atMost(Duration.ofSeconds(10)).until(() -> onLoop(() -> f.s.scripts.jobs().get(0).running) == false);
        assertThat(onLoop(() -> f.s.scripts.jobs().get(0).retryNum)).isEqualTo(1);
    }

    @Test
    void atMostSixteenRunAtOnceOldestFirst() throws Exception {
        String path = script("wait.sh", "exec sleep 30");
        onLoop(() -> {
            for (int i = 0; i < 20; i++) {
                f.s.scripts.schedule(List.of(path, Integer.toString(i)));
            }
            f.s.scripts.tick();
            return null;
        });
        List<ScriptRunner.Job> jobs = onLoop(() -> f.s.scripts.jobs());
        assertThat(jobs.stream().filter(j -> j.running).count()).isEqualTo(ScriptRunner.MAX_RUNNING);
        assertThat(jobs.subList(0, 16)).allMatch(j -> j.running);
        assertThat(jobs.subList(16, 20)).noneMatch(j -> j.running);
    }

    private int runs() throws Exception {
        Path p = dir.resolve("runs.txt");
        return Files.exists(p) ? Files.readAllLines(p).size() : 0;
    }

    private String script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return name; // relative: resolved against the work dir, as stock resolves it after chdir
    }

    private <T> T onLoop(Callable<T> c) throws Exception {
        return f.loop.submit(c).get();
    }
}
