package dev.rfg.sentinel.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which failed API calls the sidecar sends again (Events: nothing writes them later). */
class EventRetryTest {
    final AtomicInteger calls = new AtomicInteger();
    final List<Integer> waitsAfter = new ArrayList<>();

    void run(IOException... failures) throws IOException {
        KubeGlue.retried(() -> {
            int n = calls.getAndIncrement();
            if (n < failures.length) {
                throw failures[n];
            }
        }, KubeGlue.EVENT_ATTEMPTS, (attempt, e) -> waitsAfter.add(attempt));
    }

    @Test
    void aConnectTimeoutAndABusyServerAreTriedAgain() throws IOException {
        run(new HttpConnectTimeoutException("HTTP connect timed out"), new KubeApi.RefusedException(503, "busy"),
                new KubeApi.RefusedException(429, "too many requests"));
        assertThat(calls).hasValue(4);
        assertThat(waitsAfter).containsExactly(1, 2, 3);
    }

    @Test
    void aRefusedRequestIsNotSentAgain() {
        assertThatThrownBy(() -> run(new KubeApi.RefusedException(403, "forbidden")))
                .hasMessage("forbidden");
        assertThat(calls).hasValue(1);
        assertThat(waitsAfter).isEmpty();
    }

    @Test
    void itGivesUpAfterTheLastAttempt() {
        IOException down = new IOException("connection refused");
        assertThatThrownBy(() -> run(down, down, down, down, down)).isSameAs(down);
        assertThat(calls).hasValue(KubeGlue.EVENT_ATTEMPTS);
    }
}
