package dev.rfg.sentinel.server;

import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.engine.SentinelEngine;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the command handlers share: the engine state, subscriptions, connected clients and counters. */
public final class ServerContext {
    public final Sentinel sentinel;
    public final SentinelEngine engine;
    public final PubSubRegistry pubsub = new PubSubRegistry();
    public final Map<Long, ClientSession> clients = new LinkedHashMap<>();
    public long nextClientId = 1;
    public long totalConnections;
    public long totalCommands;
    public long rejectedConnections;
    public Runnable shutdown = () -> System.exit(0);

    public ServerContext(Sentinel sentinel, SentinelEngine engine) {
        this.sentinel = sentinel;
        this.engine = engine;
    }
}
