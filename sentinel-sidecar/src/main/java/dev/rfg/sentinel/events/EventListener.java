package dev.rfg.sentinel.events;

/**
 * Receives every event on the engine thread. The seam for the Kubernetes glue (patch pod labels at
 * {@code +promoted-slave} / {@code +switch-master}, guarded by the config epoch). Must not block.
 */
@FunctionalInterface
public interface EventListener {
    void onEvent(SentinelEvent event);
}
