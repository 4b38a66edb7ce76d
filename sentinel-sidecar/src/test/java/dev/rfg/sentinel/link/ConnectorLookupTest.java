package dev.rfg.sentinel.link;

import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A name lookup that hangs holds up its own connect, never the event loop the whole sentinel runs on. */
class ConnectorLookupTest {
    final NioEventLoopGroup group = new NioEventLoopGroup(1);
    final EventLoop loop = group.next();

    @AfterEach
    void stop() {
        SlowNamesResolverProvider.release();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void theLoopRunsOnWhileANameLookupHangs() {
        SlowNamesResolverProvider.rearm();
        Connector connector = new Connector(loop);
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        loop.execute(() -> connector.connect("g-0.gone" + SlowNamesResolverProvider.SUFFIX, 6379, r -> { },
                () -> { }, c -> connected.incrementAndGet(), c -> closed.incrementAndGet()));

        // Timers keep firing on the loop while the lookup hangs.
        AtomicInteger ticks = new AtomicInteger();
        loop.scheduleAtFixedRate(ticks::incrementAndGet, 0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(2)).until(() -> ticks.get() >= 10);
        assertThat(closed).as("the connect is still waiting for its name").hasValue(0);

        // The lookup fails: the connect ends as a failed one, on the loop.
        AtomicBoolean onLoop = new AtomicBoolean();
        SlowNamesResolverProvider.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> closed.get() == 1);
        loop.submit(() -> onLoop.set(true)).syncUninterruptibly();
        assertThat(onLoop).isTrue();
        assertThat(connected).hasValue(0);
    }
}
