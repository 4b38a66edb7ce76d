package dev.rfg.sentinel.acl;

import dev.rfg.sentinel.acl.RuleError.Refused;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

/**
 * An ACL user: on/off, nopass, the payload-sanitizing flags (kept and shown, nothing to sanitize here), the
 * SHA-256 hashes of its passwords and its selectors, the root one first ({@link UserRules} changes them). A
 * user is changed in place, so the connections logged in as it see the change.
 */
public final class User {
    private final String name;
    private final CommandCatalog catalog;
    boolean enabled;
    boolean nopass;
    boolean skipSanitize;
    boolean sanitize;
    final List<String> passwords = new ArrayList<>();
    final List<Selector> selectors = new ArrayList<>();

    User(String name, CommandCatalog catalog) {
        this.name = name;
        this.catalog = catalog;
        selectors.add(new Selector(catalog));
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean nopass() {
        return nopass;
    }

    /** The password hashes, in the order they were added. */
    public List<String> passwords() {
        return Collections.unmodifiableList(passwords);
    }

    Selector root() {
        return selectors.getFirst();
    }

    /** A copy with another name (a staging copy, or the built-in default to compare with). */
    User copy(String newName) {
        User u = new User(newName, catalog);
        u.assign(this);
        return u;
    }

    /** Takes over every rule of {@code o} (ACLCopyUser). */
    void assign(User o) {
        enabled = o.enabled;
        nopass = o.nopass;
        skipSanitize = o.skipSanitize;
        sanitize = o.sanitize;
        passwords.clear();
        passwords.addAll(o.passwords);
        selectors.clear();
        o.selectors.forEach(s -> selectors.add(s.copy()));
    }

    /** Whether the password is one of the user's (or the user needs none); not whether it is on. */
    public boolean passwordMatches(String password) {
        if (nopass) {
            return true;
        }
        byte[] given = Passwords.hash(password).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean found = false;
        for (String p : passwords) {
            // Constant time, as stock compares.
            found |= java.security.MessageDigest.isEqual(given, p.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return found;
    }

    void apply(String op) throws Refused {
        UserRules.apply(this, op);
    }

    CommandCatalog catalog() {
        return catalog;
    }

    /** The flags in stock's order (ACL LIST, GETUSER). */
    public List<String> flags() {
        List<String> f = new ArrayList<>();
        f.add(enabled ? "on" : "off");
        if (nopass) {
            f.add("nopass");
        }
        if (skipSanitize) {
            f.add("skip-sanitize-payload");
        }
        if (sanitize) {
            f.add("sanitize-payload");
        }
        return f;
    }

    /** Per selector, the root one first: its command rules, key patterns and channel patterns (ACL GETUSER). */
    public List<List<String>> selectorDescriptions() {
        return selectors.stream().map(s -> List.of(RuleWriter.commandRules(s), RuleWriter.keys(s),
                RuleWriter.channels(s))).toList();
    }

    /** The rules that recreate this user, as ACL LIST and the config file show them (ACLDescribeUser). */
    public String describe() {
        StringJoiner out = new StringJoiner(" ");
        flags().forEach(out::add);
        passwords.forEach(p -> out.add("#" + p));
        out.add(RuleWriter.describe(root()));
        StringBuilder sb = new StringBuilder(out.toString());
        for (Selector s : selectors.subList(1, selectors.size())) {
            sb.append(" (").append(RuleWriter.describe(s)).append(')');
        }
        return sb.toString();
    }
}
