package dev.rfg.sentinel.engine;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.rfg.sentinel.engine.FailoverState.NONE;
import static dev.rfg.sentinel.engine.FailoverState.RECONF_SLAVES;
import static dev.rfg.sentinel.engine.FailoverState.SELECT_SLAVE;
import static dev.rfg.sentinel.engine.FailoverState.SEND_SLAVEOF_NOONE;
import static dev.rfg.sentinel.engine.FailoverState.UPDATE_CONFIG;
import static dev.rfg.sentinel.engine.FailoverState.WAIT_PROMOTION;
import static dev.rfg.sentinel.engine.FailoverState.WAIT_START;

/**
 * The failover of one master as a table, to be read next to sentinel.c's failover state machine (protocol notes
 * §2.6): in a state, a trigger moves it to the next state and publishes one event. {@link FailoverStateMachine}
 * finds the triggers (the guards: elected, a replica chosen, a timeout) and runs the actions (SLAVEOF NO ONE,
 * FAILOVER TO, the config switch); the events that report an action rather than a transition (+elected-leader,
 * +selected-slave, +promoted-slave, +failover-end-for-timeout) are published by the action just before.
 * A trigger that has no row in the current state is a bug and throws.
 */
final class FailoverTransitions {
    private FailoverTransitions() {}

    enum Trigger {
        ELECTED, ELECTION_TIMED_OUT, REPLICA_SELECTED, NO_GOOD_REPLICA, PROMOTION_SENT, PROMOTION_TIMED_OUT,
        PROMOTED, SWITCHOVER_REFUSED, REPLICAS_RECONFIGURED, RECONFIGURATION_TIMED_OUT, CONFIG_SWITCHED
    }

    /** Which instance the event describes; RAW events carry their own payload. */
    enum Subject { MASTER, PROMOTED, RAW }

    record Transition(FailoverState from, Trigger on, FailoverState to, String event, Subject subject) {}

    static final List<Transition> TABLE = List.of(
            // from               trigger                             to                  event                                  subject
            row(WAIT_START,         Trigger.ELECTED,                   SELECT_SLAVE,       "+failover-state-select-slave",        Subject.MASTER),
            row(WAIT_START,         Trigger.ELECTION_TIMED_OUT,        NONE,               "-failover-abort-not-elected",         Subject.MASTER),
            row(SELECT_SLAVE,       Trigger.REPLICA_SELECTED,          SEND_SLAVEOF_NOONE, "+failover-state-send-slaveof-noone",  Subject.PROMOTED),
            row(SELECT_SLAVE,       Trigger.NO_GOOD_REPLICA,           NONE,               "-failover-abort-no-good-slave",       Subject.MASTER),
            row(SEND_SLAVEOF_NOONE, Trigger.PROMOTION_SENT,            WAIT_PROMOTION,     "+failover-state-wait-promotion",      Subject.PROMOTED),
            row(SEND_SLAVEOF_NOONE, Trigger.PROMOTION_TIMED_OUT,       NONE,               "-failover-abort-slave-timeout",       Subject.MASTER),
            row(WAIT_PROMOTION,     Trigger.PROMOTED,                  RECONF_SLAVES,      "+failover-state-reconf-slaves",       Subject.MASTER),
            row(WAIT_PROMOTION,     Trigger.PROMOTION_TIMED_OUT,       NONE,               "-failover-abort-slave-timeout",       Subject.MASTER),
            row(WAIT_PROMOTION,     Trigger.SWITCHOVER_REFUSED,        NONE,               "-failover-abort-switchover-refused",  Subject.MASTER),
            row(RECONF_SLAVES,      Trigger.REPLICAS_RECONFIGURED,     UPDATE_CONFIG,      "+failover-end",                       Subject.MASTER),
            row(RECONF_SLAVES,      Trigger.RECONFIGURATION_TIMED_OUT, UPDATE_CONFIG,      "+failover-end",                       Subject.MASTER),
            row(UPDATE_CONFIG,      Trigger.CONFIG_SWITCHED,           NONE,               "+switch-master",                      Subject.RAW));

    private static final Map<FailoverState, Map<Trigger, Transition>> BY_STATE = new EnumMap<>(FailoverState.class);

    static {
        for (Transition t : TABLE) {
            Transition dup = BY_STATE.computeIfAbsent(t.from(), k -> new EnumMap<>(Trigger.class)).put(t.on(), t);
            if (dup != null) {
                throw new IllegalStateException("two rows for " + t.from() + " + " + t.on());
            }
        }
    }

    private static Transition row(FailoverState from, Trigger on, FailoverState to, String event, Subject subject) {
        return new Transition(from, on, to, event, subject);
    }

    static Transition lookup(FailoverState from, Trigger on) {
        Transition t = BY_STATE.getOrDefault(from, Map.of()).get(on);
        if (t == null) {
            throw new IllegalStateException("no failover transition from " + from + " on " + on);
        }
        return t;
    }
}
