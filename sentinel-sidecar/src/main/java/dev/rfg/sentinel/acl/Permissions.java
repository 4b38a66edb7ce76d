package dev.rfg.sentinel.acl;

import dev.rfg.sentinel.acl.CommandCatalog.Cmd;

import java.util.List;

/**
 * Whether a user may run a command line (ACLCheckAllUserCommandPerm): allowed if one selector allows it. A
 * selector allows it when it has all commands, the command's bit or one of its allowed first arguments (commands
 * that need no authentication always pass this part), and every channel the command names matches one of its
 * channel patterns (a PSUBSCRIBE pattern must equal one literally). The sentinel has no command with keys, so
 * key patterns are never consulted. Of the denials, the one reported is a channel over a command, the later
 * argument over an earlier one.
 */
public final class Permissions {
    /** Why a command was refused; {@code arg} is the index in the command line of the channel refused. */
    public record Denial(Reason reason, int arg) {}

    public enum Reason {
        COMMAND("command"), CHANNEL("channel"), AUTH("auth");

        private final String logName;

        Reason(String logName) {
            this.logName = logName;
        }

        /** As ACL LOG names it. */
        public String logName() {
            return logName;
        }
    }

    private Permissions() {}

    /** Null if {@code user} may run {@code args} (the whole command line), as command {@code cmd}. */
    public static Denial check(User user, Cmd cmd, List<String> args) {
        Denial worst = null;
        for (Selector s : user.selectors) {
            Denial d = check(s, cmd, args);
            if (d == null) {
                return null;
            }
            if (worst == null || d.reason.ordinal() > worst.reason.ordinal()
                    || (d.reason == worst.reason && d.arg > worst.arg)) {
                worst = d;
            }
        }
        return worst;
    }

    private static Denial check(Selector s, Cmd cmd, List<String> args) {
        if (!s.allCommands && !cmd.noAuth && !s.allowed.get(cmd.id) && !firstArgAllowed(s, cmd, args)) {
            return new Denial(Reason.COMMAND, 0);
        }
        if (s.allChannels || cmd.channels == CommandCatalog.Channels.NONE) {
            return null;
        }
        int last = cmd.channels == CommandCatalog.Channels.PUBLISH ? Math.min(2, args.size()) : args.size();
        boolean pattern = cmd.channels == CommandCatalog.Channels.PSUBSCRIBE;
        for (int i = 1; i < last; i++) {
            if (!channelAllowed(s, args.get(i), pattern)) {
                return new Denial(Reason.CHANNEL, i);
            }
        }
        return null;
    }

    private static boolean firstArgAllowed(Selector s, Cmd cmd, List<String> args) {
        List<String> allowed = s.firstArgs.get(cmd.id);
        int idx = cmd.parent != null ? 2 : 1;
        if (allowed == null || args.size() <= idx) {
            return false;
        }
        return allowed.stream().anyMatch(a -> a.equalsIgnoreCase(args.get(idx)));
    }

    private static boolean channelAllowed(Selector s, String channel, boolean isPattern) {
        for (String p : s.channels) {
            if (isPattern ? p.equals(channel) : s.catalog.matches(p, channel)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a user's channel patterns allow a channel (or pattern) it is subscribed to. */
    public static boolean channelAllowed(User user, String channel, boolean isPattern) {
        for (Selector s : user.selectors) {
            if (s.allChannels || channelAllowed(s, channel, isPattern)) {
                return true;
            }
        }
        return false;
    }
}
