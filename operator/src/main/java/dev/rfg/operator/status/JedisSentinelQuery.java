package dev.rfg.operator.status;

import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.render.RedisConfRenderer;
import dev.rfg.operator.render.SentinelSettingsRenderer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks each pod's sentinel SENTINEL MASTER over the pod's DNS name, all at once, with short timeouts. */
public final class JedisSentinelQuery implements SentinelQuery {

  private static final int TIMEOUT_MS = 800;
  /**
   * One bound for a whole group: its sentinels are asked at once, each on a virtual thread, so unreachable pods
   * cost a reconcile thread one timeout, not one per pod (issue #14: asked one after the other, many unreachable
   * groups slowed every other group's status and rollouts).
   */
  static final Duration GROUP_BOUND = Duration.ofMillis(TIMEOUT_MS * 2L);
  private static final ExecutorService ASKERS = Executors.newVirtualThreadPerTaskExecutor();

  @Override
  public List<SentinelReport> ask(GroupNames names, List<String> pods, Passwords passwords) {
    List<Future<SentinelReport>> asked = new ArrayList<>();
    for (String pod : pods) {
      asked.add(ASKERS.submit(() -> askOne(names, pod, passwords)));
    }
    long deadline = System.nanoTime() + GROUP_BOUND.toNanos();
    List<SentinelReport> reports = new ArrayList<>();
    for (int i = 0; i < pods.size(); i++) {
      reports.add(await(asked.get(i), deadline, pods.get(i)));
    }
    return reports;
  }

  private static SentinelReport await(Future<SentinelReport> f, long deadline, String pod) {
    try {
      return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      return SentinelReport.unreachable(pod, "no answer within " + GROUP_BOUND.toMillis() + " ms");
    } catch (ExecutionException e) {
      return SentinelReport.unreachable(pod, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SentinelReport.unreachable(pod, "interrupted");
    }
  }

  @Override
  public Optional<String> redisRole(GroupNames names, String pod, Passwords passwords) {
    try {
      return PasswordAttempts.call(passwords, password -> {
        try (Jedis jedis = new Jedis(new HostAndPort(names.podHost(pod), RedisConfRenderer.REDIS_PORT),
            clientConfig(password))) {
          return jedis.role().stream().findFirst().map(r -> r instanceof byte[] b
              ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(r));
        }
      }).value();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public Map<String, String> replicaProblems(GroupNames names, String sentinelPod, Passwords passwords) {
    Map<String, String> problems = new java.util.TreeMap<>();
    try {
      List<Map<String, String>> replicas = PasswordAttempts.call(passwords, password -> {
        try (Jedis jedis = connect(names, sentinelPod, password)) {
          return jedis.sentinelReplicas(names.monitoredMaster());
        }
      }).value();
      for (Map<String, String> replica : replicas) {
        String problem = replicaProblem(replica);
        if (problem != null) {
          problems.put(StatusCalculator.podOf(replica.getOrDefault("ip", ""), names), problem);
        }
      }
    } catch (RuntimeException e) {
      return Map.of();
    }
    return problems;
  }

  /**
   * What is wrong with a replica as a sentinel reports it, or null. Only what changes when the state changes: no
   * durations (the link-down time in the message made every reconcile of a degraded group patch the status and
   * raise a new Degraded event).
   */
  static String replicaProblem(Map<String, String> replica) {
    String flags = replica.getOrDefault("flags", "");
    if (flags.contains("s_down") || flags.contains("disconnected")) {
      return "is down for the sentinels (" + flags + ")";
    }
    if (!"ok".equals(replica.get("master-link-status"))) {
      return "has no replication link to the master";
    }
    return null;
  }

  private static Jedis connect(GroupNames names, String pod, String password) {
    return new Jedis(new HostAndPort(names.podHost(pod), SentinelSettingsRenderer.SENTINEL_PORT),
        clientConfig(password));
  }

  /** The same short timeouts and client name toward a sentinel and toward Redis. */
  private static DefaultJedisClientConfig clientConfig(String password) {
    return DefaultJedisClientConfig.builder().connectionTimeoutMillis(TIMEOUT_MS).socketTimeoutMillis(TIMEOUT_MS)
        .password(password).clientName("rfg-operator").autoNegotiateProtocol(false).build();
  }

  private static SentinelReport askOne(GroupNames names, String pod, Passwords passwords) {
    try {
      var answer = PasswordAttempts.call(passwords, password -> {
        try (Jedis jedis = connect(names, pod, password)) {
          return jedis.sentinelMaster(names.monitoredMaster());
        }
      });
      Map<String, String> master = answer.value();
      return new SentinelReport(pod, master.get("ip"), Integer.parseInt(master.getOrDefault("port", "0")),
          Long.parseLong(master.getOrDefault("config-epoch", "0")), master.getOrDefault("flags", ""),
          Integer.parseInt(master.getOrDefault("num-other-sentinels", "0")), null, answer.previous());
    } catch (RuntimeException e) {
      return SentinelReport.unreachable(pod, e.getMessage());
    }
  }
}
