package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.link.FakeLinks;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the sentinel sends to peers, as redis-sentinel sends it: renamed verbs, and the AUTH it uses. */
class OutgoingCommandsTest {
    private static final String PEER = "00000000000000000000000000000000000000aa";

    @Test
    void theVoteRequestToAPeerUsesTheRenamedSentinelCommand() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            m.renamedCommands.put("SENTINEL", "rfg-sentinel-renamed");
            SentinelPeer p = new SentinelPeer(m, "10.0.0.2", 26379, PEER, f.clock.now());
            m.sentinels.put(PEER, p);
            EmbeddedChannel ch = f.connect(p);
            m.flags.add(Flag.S_DOWN);
            f.s.asker.ask(m, true);
            List<List<String>> sent = FakeLinks.sentCommands(ch);
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).subList(0, 2)).containsExactly("rfg-sentinel-renamed", "is-master-down-by-addr");
        }
    }

    @Test
    void towardPeersSentinelUserWithoutSentinelPassAuthenticatesWithRequirepassAsTheDefaultUser() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            SentinelPeer p = new SentinelPeer(m, "10.0.0.2", 26379, PEER, f.clock.now());
            f.s.config.requirepass = "shared";
            f.s.config.sentinelUser = "sentinels";
            assertThat(f.s.linkConnector.authCommand(p)).containsExactly("AUTH", "shared");
            f.s.config.sentinelPass = "own";
            assertThat(f.s.linkConnector.authCommand(p)).containsExactly("AUTH", "sentinels", "own");
        }
    }

    @Test
    void towardRedisTheMastersAuthUserAndPass() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            ReplicaInstance r = f.s.addReplica(m, "10.0.0.11", 6379);
            assertThat(f.s.linkConnector.authCommand(r)).isNull();
            m.authPass = "data";
            m.renamedCommands.put("AUTH", "xauth");
            assertThat(f.s.linkConnector.authCommand(r)).containsExactly("xauth", "data");
            m.authUser = "sentinel-user";
            assertThat(f.s.linkConnector.authCommand(r)).containsExactly("xauth", "sentinel-user", "data");
        }
    }
}
