package dev.rfg.sentinel.events;

/**
 * One sentinel event: its channel name (e.g. {@code +switch-master}), its payload and its level.
 * {@code configEpoch} is the master's config epoch at the time, for listeners that fence by epoch.
 */
public record SentinelEvent(Level level, String type, String payload, String masterName, long configEpoch) {
    public enum Level { DEBUG, VERBOSE, NOTICE, WARNING }

    /** The log line, redis-sentinel style: {@code +sdown master mymaster 127.0.0.1 6379}. */
    public String logLine() {
        return type + " " + payload;
    }
}
