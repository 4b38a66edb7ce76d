package dev.rfg.sentinel.engine;

/** Another sentinel monitoring the same master, discovered from hellos or known-sentinel. */
public final class SentinelPeer extends Instance {
    private final MasterInstance master;
    /** The vote this peer reported in its last is-master-down-by-addr reply. */
    public String leader;
    public long leaderEpoch;
    public long lastMasterDownReplyTime;
    dev.rfg.sentinel.link.RedisConnection askPendingOn;

    public SentinelPeer(MasterInstance master, String host, int port, String runId, long now) {
        super(host, port, Flag.SENTINEL, false, now);
        this.master = master;
        this.runId = runId;
        this.downAfterMs = master.downAfterMs;
    }

    @Override
    public MasterInstance master() {
        return master;
    }

    @Override
    public String name() {
        return runId != null ? runId : host + ":" + port;
    }
}
