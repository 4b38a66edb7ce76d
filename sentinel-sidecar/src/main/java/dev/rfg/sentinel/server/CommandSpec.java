package dev.rfg.sentinel.server;

import java.util.List;

/** A command's name, arity (negative: at least), flags and subcommands, as COMMAND reports them. */
public record CommandSpec(String name, int arity, List<String> flags, String group, String summary,
                          List<String> subcommands, Command handler) {
    public boolean arityOk(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }
}
