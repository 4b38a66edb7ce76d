package dev.rfg.sentinel.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The periods of §1, changeable at run time with {@code SENTINEL DEBUG}. */
public final class Timers {
    public long infoPeriod = 10_000;
    public long pingPeriod = 1_000;
    public long askPeriod = 1_000;
    public long publishPeriod = 2_000;
    public long defaultDownAfter = 30_000;
    public long defaultFailoverTimeout = 180_000;
    public long tiltTrigger = 2_000;
    public long tiltPeriod = 30_000;
    public long slaveReconfTimeout = 10_000;
    public long minLinkReconnectPeriod = 15_000;
    public long electionTimeout = 10_000;
    public long scriptMaxRuntime = 60_000;
    public long scriptRetryDelay = 30_000;

    /** Fast paths of RFG (see README "Deviations"): INFO poll of a replica being promoted or reconfigured. */
    public long fastInfoPeriod = 100;
    /** Re-ask period while a master is SDOWN but not yet ODOWN. */
    public long fastAskPeriod = 100;
    /**
     * Kubernetes mode's crash fast path ({@link Sentinel#refusalMeansDown}): the retry period of a master link
     * whose last attempt was refused, and the span two refusals in a row must cover before the master is SDOWN.
     */
    public long refusedRetryPeriod = 100;
    public long refusedDownSpan = 150;

    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("INFO-PERIOD", infoPeriod);
        m.put("PING-PERIOD", pingPeriod);
        m.put("ASK-PERIOD", askPeriod);
        m.put("PUBLISH-PERIOD", publishPeriod);
        m.put("DEFAULT-DOWN-AFTER", defaultDownAfter);
        m.put("DEFAULT-FAILOVER-TIMEOUT", defaultFailoverTimeout);
        m.put("TILT-TRIGGER", tiltTrigger);
        m.put("TILT-PERIOD", tiltPeriod);
        m.put("SLAVE-RECONF-TIMEOUT", slaveReconfTimeout);
        m.put("MIN-LINK-RECONNECT-PERIOD", minLinkReconnectPeriod);
        m.put("ELECTION-TIMEOUT", electionTimeout);
        m.put("SCRIPT-MAX-RUNTIME", scriptMaxRuntime);
        m.put("SCRIPT-RETRY-DELAY", scriptRetryDelay);
        return m;
    }

    /** Sets one timer by its DEBUG name; false if the name is unknown. */
    public boolean set(String name, long value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "info-period" -> infoPeriod = value;
            case "ping-period" -> pingPeriod = value;
            case "ask-period" -> askPeriod = value;
            case "publish-period" -> publishPeriod = value;
            case "default-down-after" -> defaultDownAfter = value;
            case "default-failover-timeout" -> defaultFailoverTimeout = value;
            case "tilt-trigger" -> tiltTrigger = value;
            case "tilt-period" -> tiltPeriod = value;
            case "slave-reconf-timeout" -> slaveReconfTimeout = value;
            case "min-link-reconnect-period" -> minLinkReconnectPeriod = value;
            case "election-timeout" -> electionTimeout = value;
            case "script-max-runtime" -> scriptMaxRuntime = value;
            case "script-retry-delay" -> scriptRetryDelay = value;
            default -> {
                return false;
            }
        }
        return true;
    }
}
