package dev.rfg.sentinel.k8s;

import java.util.ArrayList;
import java.util.List;

/**
 * The passwords of one pod: those its Redis and its sentinel accept (oldest first, the newest last) and the one
 * this sidecar authenticates with toward every Redis and sentinel of the group. Outside a password rotation both
 * are the one password of the Secret. Never printed.
 *
 * @param accepted what the local Redis's default user and the local sentinel accept; never empty
 * @param outbound the password this sidecar logs in with; always one of {@code accepted}
 */
record Credentials(List<String> accepted, String outbound) {

    Credentials {
        accepted = List.copyOf(accepted);
        if (accepted.isEmpty() || !accepted.contains(outbound)) {
            throw new IllegalArgumentException("the outbound password must be one of the accepted ones");
        }
    }

    static Credentials of(String password) {
        return new Credentials(List.of(password), password);
    }

    /** The password of the Secret as this sidecar last read it. */
    String newest() {
        return accepted.get(accepted.size() - 1);
    }

    /** Accepted besides the outbound one: what the sentinel's default user takes on top of requirepass. */
    List<String> alsoAccepted() {
        return accepted.stream().filter(p -> !p.equals(outbound)).toList();
    }

    /** Old passwords still accepted: what a finished rotation removes. */
    List<String> retiring() {
        return accepted.subList(0, accepted.size() - 1);
    }

    boolean rotating() {
        return accepted.size() > 1;
    }

    /** {@code password} accepted too, as the newest; what this sidecar logs in with does not change yet. */
    Credentials accepting(String password) {
        List<String> a = new ArrayList<>(accepted);
        a.remove(password);
        a.add(password);
        return new Credentials(a, outbound);
    }

    /** This sidecar logs in with the newest password; the old ones are still accepted. */
    Credentials switched() {
        return new Credentials(accepted, newest());
    }

    /** Only the newest password is accepted. */
    Credentials retired() {
        return of(newest());
    }

    @Override
    public String toString() {
        return "Credentials[" + accepted.size() + " accepted, outbound is the "
                + (outbound.equals(newest()) ? "newest" : "previous") + "]";
    }
}
