package dev.rfg.sentinel.link;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Name lookups with the JDK's resolver (so names follow the JDK's cache TTLs, see DnsCache), on threads of their
 * own. Netty's default runs the blocking lookup on the event loop, and the loop is the whole sentinel: a lookup
 * that hangs (a pod just deleted, a DNS packet lost, the resolver's 5 s timeouts over the search domains) stopped
 * every timer for its duration, so a master deleted under load was seen down 28 s late. Here the connect waits for
 * its name while the loop keeps pinging, counting down-after and voting.
 */
public final class OffLoopResolverGroup extends AddressResolverGroup<InetSocketAddress> {
    public static final OffLoopResolverGroup INSTANCE = new OffLoopResolverGroup();

    /** Enough for every pod of a large group to hang at once; the JDK serialises lookups of one name anyway. */
    private static final int THREADS = 8;

    private final ExecutorService lookups;

    private OffLoopResolverGroup() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "rfg-dns-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.lookups = pool;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor loop) {
        return new InetSocketAddressResolver(loop, new Lookup(loop, lookups));
    }

    /** Completes the loop's promise from a lookup thread; listeners still run on the loop. */
    static final class Lookup extends InetNameResolver {
        private final ExecutorService lookups;

        Lookup(EventExecutor loop, ExecutorService lookups) {
            super(loop);
            this.lookups = lookups;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            lookups.execute(() -> {
                try {
                    promise.trySuccess(InetAddress.getByName(host));
                } catch (UnknownHostException | RuntimeException e) {
                    promise.tryFailure(e);
                }
            });
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            lookups.execute(() -> {
                try {
                    promise.trySuccess(Arrays.asList(InetAddress.getAllByName(host)));
                } catch (UnknownHostException | RuntimeException e) {
                    promise.tryFailure(e);
                }
            });
        }
    }
}
