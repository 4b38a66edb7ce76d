package dev.rfg.sentinel.engine;

/** Instance flags, declared in the order redis-sentinel prints them in {@code flags}. */
public enum Flag {
    S_DOWN("s_down"), O_DOWN("o_down"), MASTER("master"), SLAVE("slave"), SENTINEL("sentinel"),
    DISCONNECTED("disconnected"), MASTER_DOWN("master_down"), FAILOVER_IN_PROGRESS("failover_in_progress"),
    PROMOTED("promoted"), RECONF_SENT("reconf_sent"), RECONF_INPROG("reconf_inprog"), RECONF_DONE("reconf_done"),
    FORCE_FAILOVER("force_failover"), SCRIPT_KILL_SENT("script_kill_sent");

    public final String wire;

    Flag(String wire) {
        this.wire = wire;
    }
}
