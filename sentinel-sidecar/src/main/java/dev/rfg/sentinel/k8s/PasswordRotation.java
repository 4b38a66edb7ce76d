package dev.rfg.sentinel.k8s;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A new password in the Secret reaches a running group with no restart and no failover (issue #13, item 2). Each
 * sidecar moves its own pod, one step per periodic round, and never takes a password away that another member may
 * still log in with:
 *
 * <pre>
 * phase      | when                                                        | does                                      | next
 * -----------+-------------------------------------------------------------+-------------------------------------------+----------
 * STEADY     | the password file holds one this pod does not accept yet    | Redis and sentinel accept it too          | ACCEPTING
 * ACCEPTING  | no member of the group refuses it (Redis or sentinel port)  | log in with it: masterauth, auth-pass,    | SWITCHED
 *            |                                                             | the sentinel's requirepass toward peers   |
 * SWITCHED   | the grace period has passed since the switch                | the old passwords are refused             | STEADY
 * any        | the file holds yet another password                         | accepted too (the old ones stay)          | ACCEPTING
 * </pre>
 *
 * A member that does not answer at all does not hold the switch up (when it comes back its own sidecar adds the
 * new password before anything is removed there); one that answers and refuses does. A step whose action fails
 * (the local Redis is restarting) is tried again at the next round; the runtime include is written first, so a
 * Redis that restarts meanwhile comes back accepting what the step wanted.
 */
final class PasswordRotation {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordRotation.class);
    /** Below this the other sidecars (one check per 2 s round, 1 s timeouts) might not have switched yet. */
    static final long MIN_SWITCHED_MS = 10_000;

    enum Phase { STEADY, ACCEPTING, SWITCHED }

    /** How many members accept a password: those that answered and refused hold the switch up. */
    record MemberCheck(int accepting, List<String> refusing, int unreachable) {
        boolean noneRefuses() {
            return refusing.isEmpty();
        }
    }

    /** What a step does to the world; the rotation itself only decides. */
    interface Actions {
        /** The runtime include of the redis container (read again at its next start). */
        void persist(Credentials next) throws Exception;

        /** The local Redis: its default user accepts {@code next.accepted()}, masterauth is the outbound one. */
        void applyToRedis(Credentials next, Credentials before) throws Exception;

        /** The local sentinel: accepted passwords on its port, and what it logs in with toward Redis and peers. */
        void applyToSentinel(Credentials next) throws Exception;

        /** Asks every member of the group whether its Redis and its sentinel accept {@code password}. */
        MemberCheck membersAccept(String password);

        /** An Event of the group (never with a password). */
        void event(String reason, String message);
    }

    private final Actions actions;
    private final LongSupplier clock;
    private volatile Credentials current;
    private volatile Phase phase;
    private long switchedAt;
    private String lastHoldUp;

    PasswordRotation(Credentials start, Actions actions, LongSupplier clock) {
        this.actions = actions;
        this.clock = clock;
        this.current = start;
        // A sidecar restarted in the middle of a rotation picks it up where the runtime include says it was.
        this.phase = !start.rotating() ? Phase.STEADY
                : start.outbound().equals(start.newest()) ? Phase.SWITCHED : Phase.ACCEPTING;
        this.switchedAt = clock.getAsLong();
    }

    Credentials credentials() {
        return current;
    }

    Phase phase() {
        return phase;
    }

    /** One round, with the password the file holds now (null or empty: the Secret went wrong, nothing changes). */
    void step(String filePassword, long graceMs) {
        Credentials c = current;
        if (filePassword != null && !filePassword.isEmpty() && !filePassword.equals(c.newest())) {
            move(c.accepting(filePassword), Phase.ACCEPTING, "PasswordRotationStarted",
                    "accepts the new password of the Secret besides the one in use");
            return;
        }
        switch (phase) {
            case STEADY -> { }
            case ACCEPTING -> {
                MemberCheck check = actions.membersAccept(c.newest());
                if (check.noneRefuses()) {
                    switchedAt = clock.getAsLong();
                    lastHoldUp = null;
                    move(c.switched(), Phase.SWITCHED, "PasswordRotationSwitched", "logs in with the new password ("
                            + check.accepting() + " members accept it, " + check.unreachable() + " did not answer); "
                            + "the old one is refused after " + Math.max(graceMs, MIN_SWITCHED_MS) / 1000 + " s");
                } else {
                    String holdUp = "waiting for " + String.join(", ", check.refusing()) + " to accept the new password";
                    if (!holdUp.equals(lastHoldUp)) {
                        LOG.info("Password rotation: {}", holdUp);
                        lastHoldUp = holdUp;
                    }
                }
            }
            case SWITCHED -> {
                if (clock.getAsLong() - switchedAt >= Math.max(graceMs, MIN_SWITCHED_MS)) {
                    move(c.retired(), Phase.STEADY, "PasswordRotationFinished", "refuses the old password");
                }
            }
        }
    }

    private void move(Credentials next, Phase to, String reason, String what) {
        Credentials before = current;
        try {
            actions.persist(next);
            actions.applyToRedis(next, before);
            actions.applyToSentinel(next);
        } catch (Exception e) {
            LOG.warn("Password rotation: {} -> {} not done yet ({}); trying again", phase, to, e.getMessage());
            return;
        }
        current = next;
        LOG.warn("Password rotation: {} -> {}: this pod {}", phase, to, what);
        phase = to;
        actions.event(reason, what);
    }
}
