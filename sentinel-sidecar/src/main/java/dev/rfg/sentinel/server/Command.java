package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.List;

/** A top-level command. Returns the reply, or null when it wrote its replies itself (Pub/Sub). */
@FunctionalInterface
public interface Command {
    Reply execute(ClientSession client, List<String> args);
}
