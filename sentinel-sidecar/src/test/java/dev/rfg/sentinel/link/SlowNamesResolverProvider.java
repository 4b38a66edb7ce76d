package dev.rfg.sentinel.link;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The test JVM's name resolver (registered in META-INF/services): names under {@code .slow.test} hang until
 * {@link #release()} (at most 10 s), then do not resolve, as a lookup does while the resolver times out; every other
 * name goes to the JDK's own resolver.
 */
public final class SlowNamesResolverProvider extends InetAddressResolverProvider {
    static final String SUFFIX = ".slow.test";
    private static volatile CountDownLatch gate = new CountDownLatch(1);

    static void release() {
        gate.countDown();
    }

    static void rearm() {
        gate = new CountDownLatch(1);
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (host.endsWith(SUFFIX)) {
                    try {
                        gate.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new UnknownHostException(host + ": timed out (test resolver)");
                }
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "rfg-test-slow-names";
    }
}
