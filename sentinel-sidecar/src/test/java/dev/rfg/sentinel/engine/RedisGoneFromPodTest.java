package dev.rfg.sentinel.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kubernetes mode's crash fast path in the SDOWN rule ({@link Sentinel#refusalMeansDown}): two refused attempts in
 * a row spanning the configured span, or an INFO that shows the master as the replica of itself, make the master
 * SDOWN before down-after; nothing else changes, and outside Kubernetes mode neither does.
 */
class RedisGoneFromPodTest {
    private static final String HOST = "g-0.g-headless.ns.svc.cluster.local";

    @Test
    void twoRefusalsInARowSpanningTheSpanMakeTheMasterDown() {
        try (EngineFixture f = new EngineFixture()) {
            f.s.refusalMeansDown = true;
            MasterInstance m = master(f);
            refused(f, m);
            check(f, m);
            assertThat(m.has(Flag.S_DOWN)).as("one refusal").isFalse();
            f.clock.advance(f.s.timers.refusedDownSpan - 50);
            refused(f, m);
            check(f, m);
            assertThat(m.has(Flag.S_DOWN)).as("two, closer than the span").isFalse();
            f.clock.advance(50);
            check(f, m);
            assertThat(m.has(Flag.S_DOWN)).isTrue();
            assertThat(f.eventTypes()).contains("+sdown");
        }
    }

    @Test
    void refusalsMeanNothingOutsideKubernetesMode() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = master(f);
            refused(f, m);
            f.clock.advance(1_000);
            refused(f, m);
            check(f, m);
            assertThat(m.has(Flag.S_DOWN)).isFalse();
        }
    }

    @Test
    void aMasterBackAsTheReplicaOfItselfIsDownAtOnce() {
        try (EngineFixture f = new EngineFixture()) {
            f.s.refusalMeansDown = true;
            MasterInstance m = master(f);
            f.s.info.refresh(m, "# Replication\r\nrole:slave\r\nmaster_host:" + HOST + "\r\nmaster_port:6379\r\n");
            assertThat(m.replicaOfItself).isTrue();
            check(f, m);
            assertThat(m.has(Flag.S_DOWN)).isTrue();
        }
    }

    @Test
    void aMasterThatBecameTheReplicaOfAnotherWaitsForTheUsualRule() {
        try (EngineFixture f = new EngineFixture()) {
            f.s.refusalMeansDown = true;
            MasterInstance m = master(f);
            f.s.info.refresh(m, "# Replication\r\nrole:slave\r\nmaster_host:g-1.g-headless.ns.svc.cluster.local"
                    + "\r\nmaster_port:6379\r\n");
            assertThat(m.replicaOfItself).isFalse();
            check(f, m);
            assertThat(m.has(Flag.S_DOWN)).isFalse();
        }
    }

    private static MasterInstance master(EngineFixture f) {
        MasterInstance m = f.master("g", HOST, 6379);
        m.downAfterMs = 5_000;
        f.connect(m);
        m.link.actPingTime = 0;
        return m;
    }

    /** What the link's close callback records for a refused attempt (LinkConnector). */
    private static void refused(EngineFixture f, MasterInstance m) {
        f.disconnect(m);
        m.link.actPingTime = 0;
        if (m.link.refusedInARow++ == 0) {
            m.link.refusedSince = f.clock.now();
        }
    }

    private static void check(EngineFixture f, MasterInstance m) {
        m.link.lastAvailTime = f.clock.now();
        f.s.down.checkSubjectivelyDown(m, f.clock.now());
    }
}
