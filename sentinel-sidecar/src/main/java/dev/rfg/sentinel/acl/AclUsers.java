package dev.rfg.sentinel.acl;

import dev.rfg.sentinel.acl.RuleError.Refused;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The users, by name in byte order (stock's radix tree order). {@code default} always exists: created on,
 * {@code ~* &* +@all}, nopass; {@link #syncRequirepass} gives it the password of {@code requirepass} whenever that
 * changes (resetpass then {@code >pass}, or nopass without one), as stock's requirepass does.
 */
public final class AclUsers {
    public static final String DEFAULT = "default";

    private final CommandCatalog catalog;
    private final Map<String, User> users = new TreeMap<>(AclUsers::byteOrder);
    private final User defaultUser;
    private String requirepass;
    private List<String> alsoAccepted = List.of();

    public AclUsers(CommandCatalog catalog, String requirepass) {
        this.catalog = catalog;
        this.defaultUser = new User(DEFAULT, catalog);
        for (String rule : List.of("+@all", "~*", "&*", "on", "nopass")) {
            applyQuietly(defaultUser, rule);
        }
        users.put(DEFAULT, defaultUser);
        this.requirepass = null;
        syncRequirepass(requirepass);
    }

    public CommandCatalog catalog() {
        return catalog;
    }

    public User defaultUser() {
        return defaultUser;
    }

    public User get(String name) {
        return users.get(name);
    }

    public Collection<User> all() {
        return users.values();
    }

    /** ACLUpdateDefaultUserPassword, when {@code pass} is not the one applied last. */
    public void syncRequirepass(String pass) {
        syncRequirepass(pass, List.of());
    }

    /**
     * The same, the default user accepting {@code also} too (a password rotation in Kubernetes mode: stock has no
     * such thing, its requirepass is one password).
     */
    public void syncRequirepass(String pass, List<String> also) {
        if (Objects.equals(pass, requirepass) && alsoAccepted.equals(also)) {
            return;
        }
        requirepass = pass;
        alsoAccepted = List.copyOf(also);
        applyQuietly(defaultUser, "resetpass");
        applyQuietly(defaultUser, pass == null ? "nopass" : ">" + pass);
        if (pass != null) {
            also.forEach(p -> applyQuietly(defaultUser, ">" + p));
        }
    }

    /** Whether a connection that has not authenticated must (authRequired). */
    public boolean authRequired() {
        return !defaultUser.nopass || !defaultUser.enabled;
    }

    /** The user if the name and password are right and it is on (ACLCheckUserCredentials), else null. */
    public User authenticate(String name, String password) {
        User u = users.get(name);
        return u != null && u.enabled && u.passwordMatches(password) ? u : null;
    }

    /**
     * ACL SETUSER's work before it changes anything: the rules applied to a copy of the user (or to a new one).
     * Returns the staged user, or throws with stock's error text; nothing changed either way.
     */
    public User stage(String name, List<String> rules) throws AclException {
        List<String> merged = SelectorArgs.merge(rules);
        User existing = users.get(name);
        User staged = existing != null ? existing.copy(name) : new User(name, catalog);
        for (String rule : merged) {
            try {
                staged.apply(rule);
            } catch (Refused e) {
                throw new AclException(rule, e.error);
            }
        }
        return staged;
    }

    /** Makes {@code staged} the user of its name: an existing user changes in place. Returns that user. */
    public User commit(User staged) {
        User existing = users.get(staged.name());
        if (existing == null) {
            users.put(staged.name(), staged);
            return staged;
        }
        existing.assign(staged);
        return existing;
    }

    /** A user line of the config file (ACLLoadConfiguredUsers): {@code default} is reset first. */
    public void load(String name, List<String> rules) throws AclException {
        if (name.equals(DEFAULT)) {
            List<String> all = new ArrayList<>();
            all.add("reset");
            all.addAll(rules);
            commit(stage(name, all));
        } else {
            commit(stage(name, rules));
        }
    }

    /** Removes a user (never {@code default}); returns it, or null if there was none. */
    public User delete(String name) {
        if (name.equals(DEFAULT)) {
            throw new IllegalArgumentException("the default user cannot be removed");
        }
        return users.remove(name);
    }

    /**
     * The users the config file must hold to recreate this state, each as its name and rules: every user but
     * {@code default}, and {@code default} too if it is not as requirepass alone would make it (one loaded from a
     * user line never is: the line starts from reset, which adds sanitize-payload, so its line stays).
     */
    public List<List<String>> configLines() {
        User builtIn = new AclUsers(catalog, requirepass).defaultUser;
        List<List<String>> out = new ArrayList<>();
        for (User u : users.values()) {
            String d = u.describe();
            if (u == defaultUser && d.equals(builtIn.describe())) {
                continue;
            }
            List<String> line = new ArrayList<>();
            line.add(u.name());
            line.addAll(Arrays.asList(d.split(" ")));
            out.add(line);
        }
        return out;
    }

    private static void applyQuietly(User u, String rule) {
        try {
            u.apply(rule);
        } catch (Refused e) {
            throw new IllegalStateException(e);
        }
    }

    private static int byteOrder(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
