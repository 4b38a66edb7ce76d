package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.ReplicaInstance;
import dev.rfg.sentinel.engine.Sentinel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The redis container's preStop hook ({@code GET /prestop?budget-seconds=N}, docs/sidecar-contract.md item 9):
 * when this pod's Redis is the master, this sentinel hands the role to the best in-sync replica with a switchover
 * ({@code FAILOVER TO}, no acknowledged write lost) and answers once the sentinels have switched, so Redis only
 * gets its SIGTERM as a replica. Whatever stops the pod (delete, drain, eviction, rollout, scale-down) runs it.
 * When no replica is fit, it answers at once and Redis stops as before: the sentinels fail over after down-after.
 */
final class PreStopHandover {
    private static final Logger LOG = LoggerFactory.getLogger(PreStopHandover.class);
    /** How often the wait looks at the engine: a tenth of the tick the engine itself runs on. */
    static final long POLL_MS = 50;

    /** The answer to the hook: {@code ok} false becomes a FailedPreStopHook event on the pod. */
    record Outcome(boolean ok, String message) { }

    private final KubernetesMode k;

    PreStopHandover(KubernetesMode k) {
        this.k = k;
    }

    Outcome run(long budgetMs) throws Exception {
        long deadline = System.nanoTime() + budgetMs * 1_000_000L;
        String me = k.env.announceHost();
        int port = k.settings.redisPort();
        String name = k.settings.masterName();
        Outcome first = k.onLoop(s -> begin(s, s.masters.get(name), me, port));
        if (first != null) {
            LOG.info("preStop: {}", first.message());
            return first;
        }
        while (System.nanoTime() < deadline) {
            Outcome now = k.onLoop(s -> progress(s.masters.get(name), me, port));
            if (now != null) {
                LOG.info("preStop: {}", now.message());
                return now;
            }
            KubernetesMode.sleep(POLL_MS);
        }
        String msg = "the switchover away from " + me + " did not finish within " + budgetMs / 1000
                + " s: Redis stops now and the sentinels finish or fail over";
        LOG.warn("preStop: {}", msg);
        return new Outcome(false, msg);
    }

    /** On the loop: an answer when there is nothing to wait for, or null once a switchover runs. */
    static Outcome begin(Sentinel s, MasterInstance m, String me, int port) {
        if (m == null) {
            return new Outcome(true, "this sentinel monitors no master yet: nothing to hand over");
        }
        if (m.has(Flag.FAILOVER_IN_PROGRESS)) {
            return m.addrEquals(me, port) ? null
                    : new Outcome(true, "a failover of another pod runs: nothing to hand over");
        }
        if (!m.addrEquals(me, port)) {
            return new Outcome(true, "this pod is a replica (master " + m.host + "): nothing to hand over");
        }
        ReplicaInstance target = s.switchover.bestTarget(m);
        if (target == null) {
            return new Outcome(true, "no replica is in sync with this master: Redis stops as master and the"
                    + " sentinels fail over after down-after");
        }
        String err = s.switchover.request(m, target.host, target.port);
        if (err != null) {
            return new Outcome(false, "switchover to " + target.host + " refused: " + err);
        }
        LOG.info("preStop: this pod is the master; switching over to {}", target.host);
        return null;
    }

    /** On the loop: the answer once the master has moved away from this pod, or the switchover ended without. */
    static Outcome progress(MasterInstance m, String me, int port) {
        if (m == null) {
            return new Outcome(false, "the master is no longer monitored");
        }
        if (m.has(Flag.FAILOVER_IN_PROGRESS)) {
            return null;
        }
        return m.addrEquals(me, port)
                ? new Outcome(false, "the switchover away from " + me + " ended without a new master")
                : new Outcome(true, "the master moved to " + m.host);
    }
}
