package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.link.FakeLinks;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis's FAILOVER TO hands over once the target's REPLCONF ACK covers the paused stream, and a replica acks once a
 * second on its own: a switchover under load waited up to that second. So while the master waits, the target is
 * asked for its ACK (REPLCONF GETACK, which Redis answers with nothing; a PING keeps the replies paired) with each
 * INFO, every {@link LinkManager#SWITCHOVER_POLL_MS} ms, until it reports role:master.
 */
class SwitchoverAckTest {

    private static final List<String> GETACK = List.of("REPLCONF", "GETACK", "*");

    @Test
    void theTargetIsAskedForItsAckUntilItReportsMaster() throws Exception {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "127.0.0.1", 6379);
            EmbeddedChannel master = f.connect(m);
            ReplicaInstance r = f.s.addReplica(m, "127.0.0.1", 6380);
            EmbeddedChannel replica = f.connect(r);
            f.s.fastPaths = true;
            onLoop(f, () -> {
                m.switchoverTarget = r;
                f.s.failover.start(m, true);
                f.clock.advance(1_500); // past the start's random delay
                for (int i = 0; i < 5 && m.failoverState != FailoverState.WAIT_PROMOTION; i++) {
                    f.s.failover.run(m);
                }
                return null;
            });
            assertThat(m.failoverState).isEqualTo(FailoverState.WAIT_PROMOTION);
            assertThat(onLoop(f, () -> FakeLinks.sentCommands(master)))
                    .anySatisfy(c -> assertThat(c).startsWith("FAILOVER", "TO", "127.0.0.1", "6380"));
            assertThat(onLoop(f, () -> FakeLinks.sentCommands(replica)))
                    .containsSubsequence(GETACK, List.of("PING"), List.of("INFO"));

            // Still a replica: asked again, without waiting for the next tick.
            onLoop(f, () -> answer(replica, "role:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:6379\r\n"
                    + "master_link_status:up\r\nslave_repl_offset:100\r\n"));
            assertThat(after(f, 3 * LinkManager.SWITCHOVER_POLL_MS, () -> FakeLinks.sentCommands(replica)))
                    .containsSubsequence(GETACK, List.of("PING"), List.of("INFO"));

            // Promoted: no more asking.
            onLoop(f, () -> answer(replica, "role:master\r\nconnected_slaves:0\r\n"));
            assertThat(m.failoverState).isNotEqualTo(FailoverState.WAIT_PROMOTION);
            assertThat(after(f, 3 * LinkManager.SWITCHOVER_POLL_MS, () -> FakeLinks.sentCommands(replica)))
                    .doesNotContain(GETACK);
        }
    }

    /** The PING's PONG and the INFO's text, as Redis answers the pipeline (GETACK itself answers nothing). */
    private static Void answer(EmbeddedChannel ch, String info) {
        ch.writeInbound(new SimpleStringRedisMessage("PONG"));
        ch.writeInbound(new FullBulkStringRedisMessage(Unpooled.copiedBuffer(info, StandardCharsets.UTF_8)));
        return null;
    }

    /** The engine's state belongs to its loop: the test touches it there. */
    private static <T> T onLoop(EngineFixture f, java.util.concurrent.Callable<T> work) throws Exception {
        return f.loop.submit(work).get(5, TimeUnit.SECONDS);
    }

    /** Runs on the loop after every task scheduled earlier for a shorter delay (the engine's re-asks) has run. */
    private static <T> T after(EngineFixture f, long ms, java.util.concurrent.Callable<T> work) throws Exception {
        return f.loop.schedule(work, ms, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
    }
}
