package dev.rfg.sentinel.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** A monitored master with its replicas, peer sentinels and failover state. */
public final class MasterInstance extends Instance {
    public final String name;
    public int quorum;
    public long failoverTimeoutMs;
    public int parallelSyncs = 1;
    public String authPass;
    public String authUser;
    public long masterRebootDownAfterMs;
    public String notificationScript;
    public String clientReconfigScript;
    public final Map<String, String> renamedCommands = new LinkedHashMap<>();

    public long configEpoch;
    /** The sentinel this one voted for, and in which epoch. */
    public String leader;
    public long leaderEpoch;
    public long failoverEpoch;
    public FailoverState failoverState = FailoverState.NONE;
    public long failoverStateChangeTime;
    public long failoverStartTime;
    public ReplicaInstance promoted;
    /** RFG: the replica a SENTINEL SWITCHOVER promotes through the master's FAILOVER TO; null otherwise. */
    public ReplicaInstance switchoverTarget;
    /** RFG: earliest time a non-preferred candidate may start its failover (0 = not scheduled). */
    public long deferredStartTime;
    /** When INFO showed a new run id (SRI_MASTER_REBOOT); 0 once a PONG arrived. */
    public long rebootSince;
    /** RFG: when an INFO of this master last reported role:master; 0 if none did since it was monitored or reset. */
    public long roleMasterSeenTime;
    /**
     * Its last INFO said role:slave with itself as master: in Kubernetes mode, a master whose Redis restarted
     * (the sidecar starts it as a replica of its own name, docs/sidecar-contract.md item 3).
     */
    public boolean replicaOfItself;

    /** Keyed by "ip:port". */
    public final Map<String, ReplicaInstance> replicas = new LinkedHashMap<>();
    /** Keyed by run id. */
    public final Map<String, SentinelPeer> sentinels = new LinkedHashMap<>();

    public MasterInstance(String name, String host, int port, int quorum, long now) {
        super(host, port, Flag.MASTER, true, now);
        this.name = name;
        this.quorum = quorum;
    }

    @Override
    public MasterInstance master() {
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    public String command(String verb) {
        return renamedCommands.getOrDefault(verb.toUpperCase(java.util.Locale.ROOT), verb);
    }
}
