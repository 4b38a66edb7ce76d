package dev.rfg.sentinel.k8s;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The applications' ACL users (spec.auth.users) on one of this pod's servers, its Redis or its sentinel, kept in
 * step every round: a user the spec declares is made, with its rules and the password of its Secret; a changed rule
 * or password is applied in one {@code ACL SETUSER} (atomic: a refused rule changes nothing, and the user keeps
 * working as it was); a changed password leaves the old one working for the grace period; a user the spec no
 * longer declares is removed. A server that restarted (its users gone) gets them again within a round.
 *
 * <p>Never in a config file: a rule Redis refuses must never keep Redis from starting. So after a Redis restart the
 * users are back within one round (2 s), not at once.
 *
 * <p>A user whose password file is missing or empty (its Secret deleted or emptied) is left as it runs.
 */
final class AppUserSync {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AppUserSync.class);

    /** One user as the spec and its Secret declare it. Never printed with the password. */
    record Desired(String name, String rules, String password) {
        @Override
        public String toString() {
            return "Desired[" + name + ", " + rules + "]";
        }
    }

    /** A server whose users are kept in step. */
    interface Target {
        /** The users it has now, by name. */
        Set<String> users() throws IOException;

        /** {@code ACL SETUSER name args...}: null when done, else the server's error. */
        String setUser(String name, List<String> args) throws IOException;

        void deleteUser(String name) throws IOException;

        /** The rules this server gives a declared user (Redis: the spec's; the sentinel: discovery only). */
        List<String> rules(Desired user);

        /** Users that are not the applications' (default, RFG's own): never removed. */
        default boolean ours(String name) {
            return !name.equals("default") && !name.startsWith("rfg-");
        }
    }

    /** What reports a refusal or a missing password, once per cause. */
    interface Reporter {
        void report(String reason, String message);
    }

    private record Applied(String rules, String password, String previous, long previousUntil) {
    }

    private final Target target;
    private final String what;
    private final Reporter reporter;
    private final Map<String, Applied> applied = new HashMap<>();
    private final Map<String, String> reported = new HashMap<>();

    AppUserSync(Target target, String what, Reporter reporter) {
        this.target = target;
        this.what = what;
        this.reporter = reporter;
    }

    /** The users of {@code rulesByName} whose password file in {@code dir} holds a password; the others in missing. */
    static List<Desired> desired(Map<String, String> rulesByName, Path dir, List<String> missing) throws IOException {
        List<Desired> out = new ArrayList<>();
        for (var e : rulesByName.entrySet()) {
            String password = KubernetesMode.readPassword(dir.resolve(e.getKey()));
            if (password == null || password.isEmpty()) {
                missing.add(e.getKey());
            } else {
                out.add(new Desired(e.getKey(), e.getValue(), password));
            }
        }
        return out;
    }

    /** One round. {@code missing}: declared users without a password now, left as they are. */
    void sync(List<Desired> desired, List<String> missing, long now, long graceMs) throws IOException {
        Set<String> present = target.users();
        for (Desired d : desired) {
            Applied a = applied.get(d.name());
            String rules = String.join(" ", target.rules(d));
            if (a != null && present.contains(d.name()) && a.rules().equals(rules) && a.password().equals(d.password())) {
                retirePrevious(d.name(), a, now);
                continue;
            }
            String previous = a == null ? null
                    : !a.password().equals(d.password()) ? a.password()
                    : a.previous() != null && now < a.previousUntil() ? a.previous() : null;
            List<String> args = new ArrayList<>(List.of("reset", "on", ">" + d.password()));
            if (previous != null) {
                args.add(">" + previous);
            }
            args.addAll(target.rules(d));
            String error = target.setUser(d.name(), args);
            if (error != null) {
                once(d.name(), rules, "AclUserRefused", "the " + what + " refused ACL user " + d.name() + " (rules '"
                        + d.rules() + "'): " + redacted(error, d.password(), previous)
                        + "; the user keeps working as it was");
                continue;
            }
            reported.remove(d.name());
            long until = previous == null ? 0
                    : a != null && previous.equals(a.previous()) ? a.previousUntil() : now + graceMs;
            applied.put(d.name(), new Applied(rules, d.password(), previous, until));
        }
        for (String name : missing) {
            once(name, "missing", "AclUserPasswordMissing", "ACL user " + name + " has no password (its Secret or "
                    + "key is missing or empty): the user is left as it runs");
        }
        for (String name : present) {
            if (target.ours(name) && desired.stream().noneMatch(d -> d.name().equals(name)) && !missing.contains(name)) {
                target.deleteUser(name);
                applied.remove(name);
            }
        }
    }

    private void retirePrevious(String name, Applied a, long now) throws IOException {
        if (a.previous() != null && now >= a.previousUntil()) {
            if (target.setUser(name, List.of("<" + a.previous())) == null) {
                applied.put(name, new Applied(a.rules(), a.password(), null, 0));
            }
        }
    }

    private void once(String name, String cause, String reason, String message) {
        if (!cause.equals(reported.put(name, cause))) {
            LOG.warn("{}: {}", reason, message);
            reporter.report(reason, message);
        }
    }

    static String redacted(String text, String... passwords) {
        String out = text == null ? "" : text;
        for (String p : passwords) {
            if (p != null && !p.isEmpty()) {
                out = out.replace(p, "***");
            }
        }
        return out;
    }
}
