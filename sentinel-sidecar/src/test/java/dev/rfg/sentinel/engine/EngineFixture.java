package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.config.SentinelConfig;
import dev.rfg.sentinel.events.EventBus;
import dev.rfg.sentinel.events.SentinelEvent;
import dev.rfg.sentinel.link.FakeLinks;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.List;

/**
 * An engine without sockets for unit tests: a {@link Sentinel} on a fake clock, its events recorded. Nothing
 * connects (links stay down), so tests drive the engine's rules directly: INFO texts, hellos, votes. Public for
 * the tests of the Kubernetes glue that drive the engine the same way.
 */
public final class EngineFixture implements AutoCloseable {
    public final FakeClock clock = new FakeClock();
    public final List<SentinelEvent> events = new ArrayList<>();
    public final DefaultEventLoop loop = new DefaultEventLoop();
    public final Sentinel s;

    public EngineFixture() {
        EventBus bus = new EventBus();
        bus.addListener(events::add);
        s = new Sentinel(new SentinelConfig(), bus, loop, clock);
        s.myId = "0000000000000000000000000000000000000001";
    }

    public MasterInstance master(String name, String host, int port) {
        return new SentinelEngine(s).createMaster(name, host, port, 2, clock.now());
    }

    /** Gives the instance an up command link (and Pub/Sub link if it has one); returns the command channel. */
    public EmbeddedChannel connect(Instance ri) {
        EmbeddedChannel cc = new EmbeddedChannel();
        ri.link.cc = FakeLinks.connected(cc);
        ri.link.ccConnecting = false;
        if (ri.link.needsPubsub) {
            ri.link.pc = FakeLinks.connected(new EmbeddedChannel());
            ri.link.pcConnecting = false;
        }
        return cc;
    }

    /** Closes the instance's links, as a dropped connection would. */
    public void disconnect(Instance ri) {
        ri.link.close();
    }

    public List<String> eventTypes() {
        return events.stream().map(SentinelEvent::type).toList();
    }

    @Override
    public void close() {
        loop.shutdownGracefully();
    }

    /** A clock the test moves: {@link #advance} for time passing, {@link #stepWall} for a system clock step. */
    public static final class FakeClock implements Clock {
        private long now = 1_700_000_000_000L;
        private long wallOffset;

        @Override
        public long now() {
            return now;
        }

        @Override
        public long wallMillis() {
            return now + wallOffset;
        }

        public void advance(long ms) {
            now += ms;
        }

        public void stepWall(long ms) {
            wallOffset += ms;
        }
    }
}
