package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.events.EventListener;
import dev.rfg.sentinel.events.SentinelEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * notification-script and client-reconfig-script, run as redis-sentinel runs them (protocol notes §5): a queue of
 * at most 256 jobs, at most 16 running, oldest first; exit 1 or a signal retries up to 10 runs with a delay that
 * doubles from script-retry-delay; another non-zero exit ends it with {@code -script-error}; a run longer than
 * script-max-runtime is killed ({@code -script-timeout}). The notification script gets every WARNING event of
 * its master (type, message). Everything runs on the engine loop; a process's exit is handed back to it.
 */
public final class ScriptRunner implements EventListener {
    static final int MAX_QUEUE = 256;
    static final int MAX_RUNNING = 16;
    static final int MAX_RETRY = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);

    /** One scheduled script (sentinelScriptJob). */
    public static final class Job {
        public final List<String> argv;
        public boolean running;
        public long startTime;
        public int retryNum;
        Process process;

        Job(List<String> argv) {
            this.argv = List.copyOf(argv);
        }

        public long pid() {
            return process != null && running ? process.pid() : 0;
        }
    }

    private final Sentinel s;
    private final LinkedList<Job> queue = new LinkedList<>();
    private int running;

    ScriptRunner(Sentinel s) {
        this.s = s;
    }

    /** How many scripts run now (INFO sentinel_running_scripts). */
    public int runningCount() {
        return running;
    }

    /** The queue, oldest first (SENTINEL PENDING-SCRIPTS). */
    public List<Job> jobs() {
        return List.copyOf(queue);
    }

    @Override
    public void onEvent(SentinelEvent e) {
        if (e.level() != SentinelEvent.Level.WARNING || e.masterName() == null) {
            return;
        }
        MasterInstance m = s.masters.get(e.masterName());
        if (m != null && m.notificationScript != null) {
            schedule(List.of(m.notificationScript, e.type(), e.payload()));
        }
    }

    /** sentinelCallClientReconfScript: {@code <master> <leader|observer> <state> <from-ip> <from-port> <to-ip> <to-port>}. */
    void clientReconf(MasterInstance m, boolean leader, String state, String fromHost, int fromPort, String toHost,
                      int toPort) {
        if (m.clientReconfigScript != null) {
            schedule(List.of(m.clientReconfigScript, m.name, leader ? "leader" : "observer", state,
                    fromHost, Integer.toString(fromPort), toHost, Integer.toString(toPort)));
        }
    }

    void schedule(List<String> argv) {
        queue.addLast(new Job(argv));
        if (queue.size() > MAX_QUEUE) {
            for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
                if (!it.next().running) {
                    it.remove();
                    break;
                }
            }
        }
    }

    /** From the engine's timer: start what is due, kill what ran too long. */
    void tick() {
        long now = s.clock.now();
        for (Job j : queue) {
            if (running >= MAX_RUNNING) {
                break;
            }
            if (!j.running && (j.startTime == 0 || j.startTime <= now)) {
                start(j, now);
            }
        }
        for (Job j : queue) {
            if (j.running && now - j.startTime > s.timers.scriptMaxRuntime && j.process.isAlive()) {
                s.rawEvent("-script-timeout", null, j.argv.get(0) + " " + j.process.pid());
                j.process.destroyForcibly();
            }
        }
    }

    private void start(Job j, long now) {
        j.running = true;
        j.startTime = now;
        j.retryNum++;
        try {
            List<String> argv = new ArrayList<>(j.argv);
            argv.set(0, s.config.resolve(argv.get(0)).toString());
            j.process = new ProcessBuilder(argv).directory(s.config.workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            // Stock reports a failed exec as exit 2 of the child (not retried); a failed fork as signal 99.
            LOG.warn("cannot run {}: {}", j.argv.get(0), e.getMessage());
            j.running = false;
            queue.remove(j);
            s.rawEvent("-script-error", null, j.argv.get(0) + " 0 2");
            return;
        }
        running++;
        Process p = j.process;
        s.event(SentinelEvent.Level.DEBUG, "+script-child", null, Long.toString(p.pid()));
        p.onExit().thenAccept(done -> s.loop.execute(() -> collect(j, done.exitValue())));
    }

    /** sentinelCollectTerminatedScripts for one job. Java gives 128 + n for a process ended by signal n. */
    private void collect(Job j, int status) {
        running--;
        int bySignal = status > 128 ? status - 128 : 0;
        int exitCode = bySignal != 0 ? 0 : status;
        s.event(SentinelEvent.Level.DEBUG, "-script-child", null, j.process.pid() + " " + exitCode + " " + bySignal);
        if ((bySignal != 0 || exitCode == 1) && j.retryNum != MAX_RETRY) {
            j.running = false;
            j.startTime = s.clock.now() + retryDelay(j.retryNum);
            return;
        }
        if (bySignal != 0 || exitCode != 0) {
            s.rawEvent("-script-error", null, j.argv.get(0) + " " + bySignal + " " + exitCode);
        }
        queue.remove(j);
    }

    /** script-retry-delay, doubled for every retry after the first. */
    long retryDelay(int retryNum) {
        long delay = s.timers.scriptRetryDelay;
        for (int n = retryNum; n > 1; n--) {
            delay *= 2;
        }
        return delay;
    }
}
