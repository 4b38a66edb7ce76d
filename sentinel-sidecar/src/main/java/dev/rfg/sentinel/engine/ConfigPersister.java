package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.config.ConfigFileWriter;
import dev.rfg.sentinel.config.MasterConfig;
import dev.rfg.sentinel.config.SentinelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;

/** Writes the state back to sentinel.conf (sentinelFlushConfig): synchronously, fsynced, atomically. */
public final class ConfigPersister {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigPersister.class);
    private final Sentinel s;

    ConfigPersister(Sentinel s) {
        this.s = s;
    }

    /** Returns false if the file could not be written (the error is logged). */
    public boolean flush() {
        SentinelConfig cfg = snapshot();
        if (cfg.file == null) {
            return true;
        }
        try {
            ConfigFileWriter.rewrite(cfg);
            return true;
        } catch (IOException e) {
            LOG.warn("Failed to save config file {}: {}", cfg.file, e.toString());
            return false;
        }
    }

    public void flushOrThrow() throws IOException {
        ConfigFileWriter.rewrite(snapshot());
    }

    private SentinelConfig snapshot() {
        SentinelConfig cfg = s.config;
        cfg.myId = s.myId;
        cfg.currentEpoch = s.currentEpoch;
        // Users hold password hashes: not written where secrets are not persisted (their lines stay as they are).
        cfg.writeUsers = s.persistSecrets;
        if (s.userState != null) {
            cfg.users.clear();
            cfg.users.addAll(s.userState.get());
        }
        cfg.masters.clear();
        for (MasterInstance m : s.masters.values()) {
            MasterConfig mc = new MasterConfig(m.name, m.host, m.port, m.quorum);
            mc.downAfterMs = m.downAfterMs;
            mc.failoverTimeoutMs = m.failoverTimeoutMs;
            mc.parallelSyncs = m.parallelSyncs;
            mc.authPass = s.persistSecrets ? m.authPass : null;
            mc.authUser = m.authUser;
            mc.masterRebootDownAfterMs = m.masterRebootDownAfterMs;
            mc.notificationScript = m.notificationScript;
            mc.clientReconfigScript = m.clientReconfigScript;
            mc.configEpoch = m.configEpoch;
            mc.leaderEpoch = m.leaderEpoch;
            for (Map.Entry<String, String> r : m.renamedCommands.entrySet()) {
                mc.renamedCommands.add(new String[] {r.getKey(), r.getValue()});
            }
            Instance current = Sentinel.currentMasterAddress(m);
            for (ReplicaInstance r : m.replicas.values()) {
                // The promoted replica is the master of the persisted configuration, not a replica.
                if (!r.addrEquals(current.host, current.port)) {
                    mc.knownReplicas.add(new MasterConfig.KnownReplica(r.host, r.port));
                }
            }
            if (current != m) {
                mc.host = current.host;
                mc.port = current.port;
                mc.configEpoch = m.configEpoch;
                mc.knownReplicas.add(new MasterConfig.KnownReplica(m.host, m.port));
            }
            for (SentinelPeer p : m.sentinels.values()) {
                if (p.runId != null) {
                    mc.knownSentinels.add(new MasterConfig.KnownSentinel(p.host, p.port, p.runId));
                }
            }
            cfg.masters.put(m.name, mc);
        }
        return cfg;
    }
}
