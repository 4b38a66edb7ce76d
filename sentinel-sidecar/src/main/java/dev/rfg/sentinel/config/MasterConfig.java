package dev.rfg.sentinel.config;

import java.util.ArrayList;
import java.util.List;

/** One {@code sentinel monitor} entry with its options and persisted state. */
public final class MasterConfig {
    public record KnownReplica(String host, int port) {}

    public record KnownSentinel(String host, int port, String runId) {}

    public final String name;
    public String host;
    public int port;
    public int quorum;
    public long downAfterMs = 30_000;
    public long failoverTimeoutMs = 180_000;
    public int parallelSyncs = 1;
    public String authPass;
    public String authUser;
    public long masterRebootDownAfterMs;
    public long configEpoch;
    public long leaderEpoch;
    public String notificationScript;
    public String clientReconfigScript;
    public final List<KnownReplica> knownReplicas = new ArrayList<>();
    public final List<KnownSentinel> knownSentinels = new ArrayList<>();
    public final List<String[]> renamedCommands = new ArrayList<>();

    public MasterConfig(String name, String host, int port, int quorum) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.quorum = quorum;
    }
}
