package dev.rfg.sentinel.engine;

/** A replica of a monitored master, discovered from INFO or from known-replica. */
public final class ReplicaInstance extends Instance {
    private final MasterInstance master;
    public long masterLinkDownTime;
    public String slaveMasterHost;
    public int slaveMasterPort;
    public boolean masterLinkUp;
    public int slavePriority = 100;
    public long replOffset;
    public boolean replicaAnnounced = true;
    public long slaveConfChangeTime;
    public long slaveReconfSentTime;

    public ReplicaInstance(MasterInstance master, String host, int port, long now) {
        super(host, port, Flag.SLAVE, true, now);
        this.master = master;
        this.downAfterMs = master.downAfterMs;
        this.slaveConfChangeTime = now;
    }

    @Override
    public MasterInstance master() {
        return master;
    }

    @Override
    public String name() {
        return nameFor(host, port);
    }

    public static String nameFor(String host, int port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
