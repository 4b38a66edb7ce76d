package dev.rfg.sentinel.engine;

/** Closing links from outside the engine package (SENTINEL SET auth-pass, REMOVE, CONFIG SET). */
public final class InstanceLinks {
    private InstanceLinks() {}

    public static void closeAll(MasterInstance m) {
        closeMasterAndReplicas(m);
        closePeers(m);
    }

    public static void closeMasterAndReplicas(MasterInstance m) {
        m.link.close();
        m.replicas.values().forEach(r -> r.link.close());
    }

    public static void closePeers(MasterInstance m) {
        m.sentinels.values().forEach(p -> p.link.close());
    }
}
