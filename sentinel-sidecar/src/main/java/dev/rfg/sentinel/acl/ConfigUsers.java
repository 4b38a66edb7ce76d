package dev.rfg.sentinel.acl;

import dev.rfg.sentinel.config.ConfigException;
import dev.rfg.sentinel.config.SentinelConfig;
import dev.rfg.sentinel.config.UserLine;

import java.util.ArrayList;
import java.util.List;

/**
 * The users of a config: {@code default} with requirepass, then each {@code user} line in file order
 * (ACLLoadConfiguredUsers). A bad line stops the start with the file, line and reason; stock reports an unknown
 * command only after the load, without the line (the reason is the same).
 */
public final class ConfigUsers {
    private ConfigUsers() {}

    public static AclUsers load(SentinelConfig cfg, CommandCatalog catalog) throws ConfigException {
        AclUsers users = new AclUsers(catalog, cfg.requirepass);
        for (UserLine l : cfg.users) {
            if (l.name().chars().anyMatch(c -> Character.isWhitespace(c) || c == 0)) {
                throw error(cfg, l, "Spaces not allowed in ACL usernames");
            }
            try {
                users.load(l.name(), l.rules());
            } catch (AclException e) {
                throw error(cfg, l, e.configMessage());
            }
        }
        return users;
    }

    /** The names of the configured users that are off (stock warns about each at start). */
    public static List<String> disabled(SentinelConfig cfg, AclUsers users) {
        List<String> out = new ArrayList<>();
        for (UserLine l : cfg.users) {
            User u = users.get(l.name());
            if (u != null && !u.enabled()) {
                out.add(l.name());
            }
        }
        return out;
    }

    /** The users of the state as config lines (name, then rules). */
    public static List<UserLine> lines(AclUsers users) {
        return users.configLines().stream().map(UserLine::of).toList();
    }

    private static ConfigException error(SentinelConfig cfg, UserLine l, String reason) {
        String file = l.file() != null ? l.file() : String.valueOf(cfg.file);
        return ConfigException.atLine(file, l.no(), l.text() != null ? l.text() : "user " + l.args(), reason);
    }
}
