package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.Instance;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.engine.VoterPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;

/**
 * What the sidecar keeps in step every 2 s once started: the password file (and a rotation to a new password),
 * the group's settings (applied live), membership, the runtime conf for a restart of the redis container, and its
 * own pod's label.
 */
final class LiveSettings {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSettings.class);
    private final KubernetesMode k;
    private long lastPasswordRead;
    /** Whether the missing password was already reported; touched by the loop thread only. */
    private boolean passwordMissingLogged;
    /** The last non-empty password the file held (null before the first read): an emptied file changes nothing. */
    private String filePassword;

    LiveSettings(KubernetesMode k) {
        this.k = k;
    }

    /** Every 2 s: settings, membership, runtime conf, own label. Never on the engine thread. */
    void periodic() {
        try {
            long now = System.currentTimeMillis();
            if (now - lastPasswordRead >= 10_000) {
                lastPasswordRead = now;
                rereadPassword();
            }
            refreshSettings();
            if (k.started && k.redisSeenRunning) {
                // Every round, not every read: a rotation's later steps wait on the other members, not on the file.
                k.rotation.step(filePassword, k.settings.previousPasswordGraceMs());
            }
            k.onLoop(s -> s.pruneNonMembers());
            // Every round too: what SENTINEL RESET dropped comes back, and what a failover postponed is done.
            k.seedReplicas();
            if (k.started && !k.redisSeenRunning) {
                // Until Redis has read redis-runtime.conf, the decision's content must stay as written.
                k.redisSeenRunning = k.probes.localRedisRole() != null;
            }
            if (k.started && k.redisSeenRunning) {
                syncRuntimeConf();
                syncAppUsers();
            }
            if (k.started) {
                k.glue.observe();
            }
        } catch (Exception e) {
            LOG.warn("periodic Kubernetes work failed: {}", e.toString());
        }
    }

    /** On its own: a Redis that does not answer (it crashed) must not hold up the rest of the round. */
    private void syncAppUsers() {
        try {
            k.syncAppUsers();
        } catch (IOException | RuntimeException e) {
            LOG.debug("application users not synced this round: {}", e.toString());
        }
    }

    /**
     * A password file that turned empty or disappeared (the Secret was emptied or deleted) is not a new password:
     * the running group keeps the one it has, and says so once.
     */
    void rereadPassword() {
        try {
            String pw = k.readPassword(k.env.passwordFile());
            if (pw == null || pw.isEmpty()) {
                if (!passwordMissingLogged) {
                    LOG.warn("{} is empty or gone (the group's Secret was emptied or deleted): the password in use is "
                            + "kept", k.env.passwordFile());
                    passwordMissingLogged = true;
                }
                return;
            }
            passwordMissingLogged = false;
            if (filePassword != null && !Objects.equals(pw, filePassword)) {
                LOG.warn("The password file changed: the group moves to the new password (PasswordRotation)");
            }
            filePassword = pw;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot re-read {}: {}", k.env.passwordFile(), e.getMessage());
        }
    }

    /**
     * Every round: the group's settings from the ConfigMap through the API server (the mounted file when the API
     * does not answer); applied live when they changed.
     */
    void refreshSettings() {
        SettingsSource.Change change = k.settingsSource.poll(k.settings);
        if (change == null) {
            return;
        }
        KubeSettings fresh = change.settings();
        LOG.warn("Settings changed (from {}): {}", change.from(), fresh);
        k.settings = fresh;
        try {
            k.onLoop(s -> {
                applyLive(s, fresh);
                return null;
            });
        } catch (Exception e) {
            LOG.warn("applying settings failed: {}", e.toString());
        }
    }

    /** On the loop: the voter count, quorum and timers, live. */
    void applyLive(Sentinel s, KubeSettings st) {
        s.voterPolicy = VoterPolicy.fixed(st.voters());
        RotationActions.applyTo(s, st.masterName(), k.rotation.credentials());
        MasterInstance m = s.masters.get(st.masterName());
        if (m != null) {
            m.quorum = st.quorum();
            m.downAfterMs = st.downAfterMs();
            m.replicas.values().forEach(r -> r.downAfterMs = st.downAfterMs());
            m.sentinels.values().forEach(p -> p.downAfterMs = st.downAfterMs());
            m.failoverTimeoutMs = st.failoverTimeoutMs();
            m.parallelSyncs = st.parallelSyncs();
        }
        s.pruneNonMembers();
        ReplicaSeeder.seed(s, k.identity, st);
        s.persister.flush();
    }

    /**
     * Keeps redis-runtime.conf right for a restart of the redis container alone: a replica restarts as the replica
     * of the current master; the master restarts as a replica of itself (which never syncs: a replica with no
     * master link refuses SYNC), so a master that restarts empty is failed over, never replicated from.
     */
    void syncRuntimeConf() throws Exception {
        KubeSettings st = k.settings;
        String[] view = k.onLoop(s -> {
            MasterInstance m = s.masters.get(st.masterName());
            if (m == null || m.has(Flag.FAILOVER_IN_PROGRESS) || s.tilt) {
                return null;
            }
            Instance cur = Sentinel.currentMasterAddress(m);
            return new String[] {cur.host};
        });
        if (view == null) {
            return;
        }
        String master = view[0];
        boolean me = master.equalsIgnoreCase(k.env.announceHost());
        if (me && st.replicas() == 1) {
            k.writeRuntime(null);
        } else {
            k.writeRuntime(master);
        }
    }
}
