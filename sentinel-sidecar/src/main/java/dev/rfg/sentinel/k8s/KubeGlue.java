package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.events.EventListener;
import dev.rfg.sentinel.events.SentinelEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Kubernetes side effects of sentinel events: the failover leader relabels pods (old master to replica, new
 * master to master, fenced by the config epoch) and writes Events on the group; every sidecar converges its own
 * pod's label. API calls never run on the engine thread: label writes run in order on one thread, Events on
 * another, so an Event never delays the label the master Service follows. Also keeps the failover figures
 * {@code /metrics} shows.
 */
final class KubeGlue implements EventListener {
    private static final Logger LOG = LoggerFactory.getLogger(KubeGlue.class);
    private final KubernetesMode k;
    private final KubeApi api;
    private final RoleLabeler labeler;
    private final ExecutorService labelWriter = apiThread("rfg-k8s-labels");
    private final ExecutorService eventWriter = apiThread("rfg-k8s-events");
    static final int EVENT_ATTEMPTS = 4;

    // Metrics (written on the engine thread, read by the HTTP thread).
    volatile long failoversTotal;
    volatile long lastFailoverTimeMs;
    volatile long lastFailoverDurationMs;
    private long failoverBeganMs;
    // The failover this sentinel leads: old master host and start time.
    private String leadingOldMaster;
    private long leadingSinceMs;

    KubeGlue(KubernetesMode k, KubeApi api) {
        this.k = k;
        this.api = api;
        this.labeler = api == null ? null : new RoleLabeler(api);
    }

    @Override
    public void onEvent(SentinelEvent e) {
        if (e.masterName() != null && !e.masterName().equals(k.settings.masterName())) {
            return;
        }
        long now = System.currentTimeMillis();
        Sentinel s = k.running.sentinel();
        MasterInstance m = e.masterName() == null ? null : s.masters.get(e.masterName());
        switch (e.type()) {
            case "+odown", "+try-failover" -> {
                if (failoverBeganMs == 0) {
                    failoverBeganMs = now;
                }
            }
            case "+elected-leader" -> {
                if (m != null) {
                    leadingOldMaster = m.host;
                    leadingSinceMs = failoverBeganMs != 0 ? failoverBeganMs : now;
                    String why = m.switchoverTarget != null ? "planned switchover to " + m.switchoverTarget.host
                            : "master " + m.host + " is objectively down";
                    event("FailoverStarted", "Failover started by sentinel " + k.env.podName() + " at config epoch "
                            + m.failoverEpoch + ": " + why);
                }
            }
            case "+promoted-slave" -> {
                if (m != null && m.promoted != null) {
                    String oldPod = k.identity.podOfHost(m.host);
                    String newPod = k.identity.podOfHost(m.promoted.host);
                    long epoch = m.configEpoch;
                    String newHost = m.promoted.host;
                    String oldHost = m.host;
                    if (labeler != null && newPod != null) {
                        labelWriter.execute(() -> labeler.switchMaster(oldPod, newPod, epoch));
                    }
                    event("ReplicaPromoted", "Replica " + newHost + " promoted (old master " + oldHost
                            + ", config epoch " + epoch + ")");
                }
            }
            case "+switch-master" -> {
                failoversTotal++;
                lastFailoverTimeMs = now;
                lastFailoverDurationMs = failoverBeganMs == 0 ? 0 : now - failoverBeganMs;
                failoverBeganMs = 0;
                if (leadingOldMaster != null) {
                    String[] p = e.payload().split(" ");
                    String newHost = p.length >= 5 ? p[3] : "?";
                    event("SwitchComplete", "Switch complete: master " + leadingOldMaster + " -> " + newHost + " in "
                            + (now - leadingSinceMs) + " ms (config epoch " + (m == null ? 0 : m.configEpoch) + ")");
                    leadingOldMaster = null;
                }
            }
            case "-failover-abort-not-elected", "-failover-abort-no-good-slave", "-failover-abort-slave-timeout",
                    "-failover-abort-switchover-refused", "-odown" -> {
                if (m == null || !m.has(Flag.FAILOVER_IN_PROGRESS)) {
                    failoverBeganMs = 0;
                    leadingOldMaster = null;
                }
            }
            default -> { }
        }
    }

    void event(String reason, String message) {
        if (api == null) {
            return;
        }
        String uid = k.settings.groupUid();
        eventWriter.execute(() -> writeEvent(uid, reason, message));
    }

    /**
     * Events are the only record of a failover a user reads, and nothing writes them later: a connect that times
     * out (seen right after a sidecar restart) or a busy API server gets three more tries, 0.5, 1 and 2 s apart.
     * Runs on the Event thread, so the waits delay only later Events.
     */
    private void writeEvent(String uid, String reason, String message) {
        try {
            retried(() -> api.createEvent(uid, reason, message, k.env.podName()), EVENT_ATTEMPTS,
                    (attempt, e) -> {
                        LOG.info("event {} not written yet ({}), trying again", reason, e.getMessage());
                        KubernetesMode.sleep(500L << (attempt - 1));
                    });
        } catch (IOException e) {
            LOG.warn("event {} not written: {}", reason, e.getMessage());
        }
    }

    interface ApiCall {
        void run() throws IOException;
    }

    interface BeforeRetry {
        void waitAfter(int failedAttempt, IOException e);
    }

    /** Runs {@code call} until it succeeds, is refused for good (4xx but 429), or fails {@code attempts} times. */
    static void retried(ApiCall call, int attempts, BeforeRetry beforeRetry) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (IOException e) {
                boolean refused = e instanceof KubeApi.RefusedException r && !r.transientFailure();
                if (refused || attempt >= attempts) {
                    throw e;
                }
                beforeRetry.waitAfter(attempt, e);
            }
        }
    }

    private static ExecutorService apiThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** At start: label the own pod with what the decision made it (at the epoch this sentinel knows). */
    void labelOwnPodAtStart() {
        observe();
    }

    /**
     * An observer's convergence of its own pod's label: what this sentinel believes (master only when the local
     * Redis also says so), at this sentinel's config epoch; the epoch guard refuses it when the pod is newer.
     */
    private final java.util.concurrent.atomic.AtomicBoolean observing = new java.util.concurrent.atomic.AtomicBoolean();

    void observe() {
        if (labeler == null || !observing.compareAndSet(false, true)) {
            return; // one observation at a time: a slow API server must not pile them up
        }
        try {
            observeNow();
        } finally {
            observing.set(false);
        }
    }

    private void observeNow() {
        String[] view;
        try {
            view = k.onLoop(s -> {
                MasterInstance m = s.masters.get(k.settings.masterName());
                if (m == null || m.has(Flag.FAILOVER_IN_PROGRESS) || s.tilt) {
                    return null;
                }
                return new String[] {Sentinel.currentMasterAddress(m).host, Long.toString(m.configEpoch)};
            });
        } catch (Exception e) {
            return;
        }
        if (view == null) {
            return;
        }
        boolean me = view[0].equalsIgnoreCase(k.env.announceHost());
        long epoch = Long.parseLong(view[1]);
        String pod = k.env.podName();
        // On the caller's thread (the 2 s timer), not the label writer: the leader's writes keep their order there.
        if (me) {
            if ("master".equals(k.probes.localRedisRole())) {
                labeler.switchMaster(null, pod, epoch);
            }
        } else {
            labeler.set(pod, RoleLabeler.REPLICA, epoch);
        }
    }
}
