package dev.rfg.e2e.workload;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.exceptions.JedisDataException;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * One writer thread: {@code SET <prefix>:<seq> <seq>} with a new sequence number per attempt, optionally followed
 * by {@code WAIT 1 <waitMs>} on the same connection. A write counts as acknowledged when SET answered OK and, in
 * WAIT mode, WAIT counted at least one replica. On an error the connection is dropped and the writer reconnects
 * after a short back-off (20 ms doubling to 500 ms), like a well-behaved application.
 *
 * <p>{@code service} mode uses one connection to the master Service; {@code sentinel} mode a Jedis
 * {@link JedisSentinelPool} (a connection borrowed per write, the master found and followed through the
 * sentinels).
 */
// JedisSentinelPool is deprecated in Jedis 8 in favour of its new client classes, but it is what applications run.
@SuppressWarnings("deprecation")
public final class Writer implements Runnable {

  public static final String SERVICE = "service";
  public static final String SENTINEL = "sentinel";

  private static final long BACKOFF_MIN_MS = 20;
  private static final long BACKOFF_MAX_MS = 500;

  /**
   * What to connect to and how. The password is asked for at each new connection: a password rotation reaches
   * the mounted Secret file, and connections made later log in with the new one, as an application should.
   */
  public record Target(String masterHost, int masterPort, String masterName, Set<HostAndPort> sentinels,
      java.util.function.Supplier<String> password) {
  }

  private final WriterStats stats;
  private final String prefix;
  private final Target target;
  private final long intervalNanos;
  private volatile boolean stopping;
  private Jedis connection;
  private String connectedTo;
  private final Map<Jedis, String> peers = new WeakHashMap<>();
  private JedisSentinelPool pool;
  private boolean failing;
  private long failingSinceMs;

  public Writer(WriterStats stats, String prefix, Target target, int ratePerSecond) {
    this.stats = stats;
    this.prefix = prefix;
    this.target = target;
    this.intervalNanos = ratePerSecond <= 0 ? 0 : 1_000_000_000L / ratePerSecond;
  }

  public WriterStats stats() {
    return stats;
  }

  public String prefix() {
    return prefix;
  }

  public void stop() {
    stopping = true;
  }

  /** The connection settings of the writers and of the read-back. */
  static JedisClientConfig clientConfig(java.util.function.Supplier<String> password, int socketTimeoutMs,
      String clientName) {
    var builder = DefaultJedisClientConfig.builder();
    if (password != null) {
      builder.credentialsProvider(() -> new redis.clients.jedis.DefaultRedisCredentials(null, password.get()));
    }
    return builder.connectionTimeoutMillis(1000)
        .socketTimeoutMillis(socketTimeoutMs).clientName(clientName)
        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).autoNegotiateProtocol(false).build();
  }

  @Override
  public void run() {
    long seq = 0;
    long backoff = BACKOFF_MIN_MS;
    long next = System.nanoTime();
    try {
      while (!stopping) {
        if (intervalNanos > 0) {
          long now = System.nanoTime();
          if (next - now > 0) {
            LockSupport.parkNanos(next - now);
          } else if (now - next > 1_000_000_000L) {
            next = now; // after an outage, no burst to catch up
          }
          next += intervalNanos;
          if (stopping) {
            break;
          }
        }
        seq++;
        try {
          if (write(seq)) {
            stats.acked(seq, System.currentTimeMillis());
            if (failing) {
              failing = false;
              log("writing again after " + (System.currentTimeMillis() - failingSinceMs) + " ms, on "
                  + connectedTo);
            }
          } else if (!failing) {
            failing = true;
            failingSinceMs = System.currentTimeMillis();
            log("not acknowledged: WAIT 1 counted no replica (on " + connectedTo + ")");
          }
          backoff = BACKOFF_MIN_MS;
        } catch (RuntimeException e) {
          long now = System.currentTimeMillis();
          stats.error(kind(e), describe(e), now);
          if (!failing) {
            failing = true;
            failingSinceMs = now;
            log("write failed: " + describe(e));
          }
          dropConnection();
          sleep(backoff);
          backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
        }
      }
    } finally {
      dropConnection();
      if (pool != null) {
        pool.close();
        pool = null;
      }
    }
  }

  /** One attempt; true when acknowledged. */
  private boolean write(long seq) {
    stats.attempt();
    String key = Verifier.key(prefix, seq);
    String value = Long.toString(seq);
    int waitMs = stats.waitMs();
    if (SENTINEL.equals(stats.mode())) {
      if (pool == null) {
        pool = newPool();
        log("sentinel pool: master at " + currentTarget());
      }
      try (Jedis jedis = pool.getResource()) {
        // The pool can hand out a connection made before its master changed (Jedis 8 reports the pool's current
        // address for every pooled connection, so it cannot tell): ask each new connection which pod it is on.
        String host = peers.computeIfAbsent(jedis, Writer::announcedName);
        if (!host.equals(connectedTo)) {
          connectedTo = host;
          stats.connected(host);
          log("writing to " + host + " (the pool's master: " + currentTarget() + ")");
        }
        return writeOn(jedis, key, value, waitMs);
      }
    }
    if (connection == null) {
      Jedis jedis = new Jedis(new HostAndPort(target.masterHost(), target.masterPort()),
          clientConfig(target.password(), socketTimeout(waitMs), "rfg-workload-" + stats.name()));
      try {
        jedis.ping();
      } catch (RuntimeException e) {
        jedis.close();
        throw e;
      }
      connection = jedis;
      connectedTo = announcedName(jedis);
      stats.connected(connectedTo);
      log("connected through " + target.masterHost() + " to " + connectedTo);
    }
    return writeOn(connection, key, value, waitMs);
  }

  private boolean writeOn(Jedis jedis, String key, String value, int waitMs) {
    if (!"OK".equals(jedis.set(key, value))) {
      throw new IllegalStateException("SET answered neither OK nor an error");
    }
    if (waitMs > 0) {
      if (jedis.waitReplicas(1, waitMs) < 1) {
        stats.notReplicated();
        return false;
      }
    }
    return true;
  }

  private JedisSentinelPool newPool() {
    GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(2);
    config.setMaxWait(Duration.ofSeconds(2));
    config.setJmxEnabled(false);
    return new JedisSentinelPool(target.masterName(), target.sentinels(), config,
        clientConfig(target.password(), socketTimeout(stats.waitMs()), "rfg-workload-" + stats.name()),
        clientConfig(target.password(), 2000, "rfg-workload-" + stats.name() + "-sentinel"));
  }

  private static int socketTimeout(int waitMs) {
    return 2000 + Math.max(0, waitMs);
  }

  private String currentTarget() {
    if (pool != null) {
      HostAndPort master = pool.getCurrentHostMaster();
      return master == null ? null : master.getHost();
    }
    return connection == null ? null : connectedTo;
  }

  /** The pod behind a Service connection: the DNS name it announces to its master. */
  static String announcedName(Jedis jedis) {
    try {
      Map<String, String> config = jedis.configGet("replica-announce-ip");
      String name = config.get("replica-announce-ip");
      return name == null || name.isEmpty() ? jedis.getClient().getHostAndPort().toString() : name;
    } catch (RuntimeException e) {
      return "unknown (" + e.getClass().getSimpleName() + ")";
    }
  }

  private void dropConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (RuntimeException ignored) {
        // a broken connection
      }
      connection = null;
    }
  }

  /** The error's kind: the error reply's code (NOREPLICAS, READONLY, ...) or the exception and its cause. */
  static String kind(Throwable e) {
    if (e instanceof JedisDataException && e.getMessage() != null && !e.getMessage().isBlank()) {
      String first = e.getMessage().strip().split("\\s+", 2)[0];
      return first.chars().allMatch(c -> Character.isUpperCase(c) || c == '_') ? first
          : e.getClass().getSimpleName();
    }
    Throwable cause = e.getCause();
    while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause == null ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + "/" + cause.getClass().getSimpleName();
  }

  static String describe(Throwable e) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    if (message.length() > 300) {
      message = message.substring(0, 300) + "...";
    }
    return e.getClass().getSimpleName() + message;
  }

  private void log(String what) {
    WorkloadMain.log("[" + stats.name() + "] " + what);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
