package dev.rfg.sentinel.harness;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded polling waits (Awaitility), exceptions during polling count as "not yet". */
public final class Waits {
    private Waits() {}

    public static void until(String what, int seconds, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(condition);
    }
}
