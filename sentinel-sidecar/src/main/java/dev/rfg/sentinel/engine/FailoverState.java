package dev.rfg.sentinel.engine;

/** The failover states, with the strings redis-sentinel shows in {@code failover-state}. */
public enum FailoverState {
    NONE("none"), WAIT_START("wait_start"), SELECT_SLAVE("select_slave"),
    SEND_SLAVEOF_NOONE("send_slaveof_noone"), WAIT_PROMOTION("wait_promotion"),
    RECONF_SLAVES("reconf_slaves"), UPDATE_CONFIG("update_config");

    public final String wire;

    FailoverState(String wire) {
        this.wire = wire;
    }
}
