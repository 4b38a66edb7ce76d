package dev.rfg.sentinel.config;

import java.util.List;

/**
 * A {@code user <name> <rules...>} line: {@code args} is the name then the rules. {@code file}, {@code no} and
 * {@code text} say where it was read, for the error report (null, 0, null for a line of the current state).
 */
public record UserLine(String file, int no, String text, List<String> args) {
    public UserLine {
        args = List.copyOf(args);
    }

    /** A line of the current state, to be written. */
    public static UserLine of(List<String> args) {
        return new UserLine(null, 0, null, args);
    }

    public String name() {
        return args.getFirst();
    }

    public List<String> rules() {
        return args.subList(1, args.size());
    }
}
