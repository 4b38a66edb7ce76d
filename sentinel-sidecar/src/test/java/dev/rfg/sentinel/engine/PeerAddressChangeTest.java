package dev.rfg.sentinel.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A peer sentinel that moved to a new address is moved in every master it monitors with us (stock). */
class PeerAddressChangeTest {
    private static final String PEER = "00000000000000000000000000000000000000ff";

    @Test
    void aHelloFromAMovedPeerUpdatesItInEveryMaster() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m1 = f.master("m1", "10.0.0.10", 6379);
            MasterInstance m2 = f.master("m2", "10.0.0.20", 6379);
            long now = f.clock.now();
            m1.sentinels.put(PEER, new SentinelPeer(m1, "10.0.0.1", 26379, PEER, now));
            SentinelPeer inM2 = new SentinelPeer(m2, "10.0.0.1", 26379, PEER, now);
            inM2.leader = PEER;
            inM2.leaderEpoch = 7;
            m2.sentinels.put(PEER, inM2);

            f.s.hello.process(String.join(",", "10.0.0.2", "26379", PEER, "0", "m1", "10.0.0.10", "6379", "0"));

            assertThat(m1.sentinels.get(PEER).addrString()).isEqualTo("10.0.0.2:26379");
            assertThat(m2.sentinels).containsKey(PEER);
            assertThat(m2.sentinels.get(PEER).addrString()).isEqualTo("10.0.0.2:26379");
            assertThat(m2.sentinels.get(PEER).leaderEpoch).isEqualTo(7);
            assertThat(f.eventTypes()).contains("+sentinel-address-switch", "+sentinel-address-update")
                    .doesNotContain("+sentinel");
        }
    }

    @Test
    void aNewPeerAtTheAddressOfAnotherRunIdReplacesItEverywhere() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m1 = f.master("m1", "10.0.0.10", 6379);
            MasterInstance m2 = f.master("m2", "10.0.0.20", 6379);
            long now = f.clock.now();
            String old = "00000000000000000000000000000000000000ee";
            m1.sentinels.put(old, new SentinelPeer(m1, "10.0.0.1", 26379, old, now));
            m2.sentinels.put(old, new SentinelPeer(m2, "10.0.0.1", 26379, old, now));

            f.s.hello.process(String.join(",", "10.0.0.1", "26379", PEER, "0", "m1", "10.0.0.10", "6379", "0"));

            assertThat(m1.sentinels).containsOnlyKeys(PEER);
            assertThat(m2.sentinels).doesNotContainKey(old);
            assertThat(f.eventTypes()).contains("+sentinel-invalid-addr", "+sentinel");
        }
    }
}
