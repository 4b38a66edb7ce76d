package dev.rfg.sentinel.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Logs every event and hands it to the listeners (Pub/Sub publisher, Kubernetes glue, tests). */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger("dev.rfg.sentinel.events");
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(EventListener listener) {
        listeners.add(listener);
    }

    public void emit(SentinelEvent event) {
        switch (event.level()) {
            case WARNING -> LOG.warn(event.logLine());
            case NOTICE -> LOG.info(event.logLine());
            default -> LOG.debug(event.logLine());
        }
        for (EventListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("event listener failed on {}", event.type(), e);
            }
        }
    }
}
