package dev.rfg.e2e.bench;

import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.NodeAccess;
import dev.rfg.e2e.support.TestNamespace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (a program, not a test): how long a group is without a writable master when its master goes, by each
 * kind of fault. For each down-after setting it creates a 3-pod group, then for each fault, repeatedly:
 * <ul>
 *   <li>{@code delete}: deletes the master pod (default grace; the preStop hands over, a planned switchover;
 *   {@code --force}: grace period 0, like kubectl --grace-period=0 --force),</li>
 *   <li>{@code crash}: {@code SHUTDOWN NOSAVE} to the master's Redis (the pod lives; the crash fast path),</li>
 *   <li>{@code freeze}: SIGSTOP to the master's redis-server from the node, SIGCONT once a new master serves
 *   (a silent failure: down-after applies); needs the local cluster,</li>
 * </ul>
 * and measures, from the fault,
 * <ul>
 *   <li>until the {@code NAME-master} Service's ready endpoints are exactly one pod, not the old master (polled
 *   every 50 ms through the EndpointSlices), and</li>
 *   <li>until a write (AUTH + SET on a fresh connection) to the Service's ClusterIP succeeds on a pod other
 *   than the old master (the answering pod is identified by its {@code replica-announce-ip}); tried every
 *   50 ms from this machine, which must route to ClusterIPs (the local cluster's node does).</li>
 * </ul>
 * Prints median and p90 per setting and fault. Run: {@code e2e/bin/bench-master-kill [--down-after 5000,1000]
 * [--runs 5] [--faults delete,crash,freeze] [--force]} with KUBECONFIG set
 * ({@code eval "$(e2e/cluster/cluster.sh env)"}).
 */
public final class MasterKillBenchmark {

  private record Run(long serviceMillis, long writeMillis, String from, String to) {
  }

  /** What happens to the master. */
  enum Fault { DELETE, CRASH, FREEZE }

  public static void main(String[] args) throws Exception {
    List<Integer> downAfters = List.of(5000, 1000);
    List<Fault> faults = List.of(Fault.DELETE);
    int runs = 5;
    // Default grace: a forced delete leaves the other sentinels' links to the returning pod stuck (reported with
    // issue #6), so the group never gets Ready for the next run.
    boolean force = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--down-after" -> downAfters = java.util.Arrays.stream(args[++i].split(",")).map(String::trim)
            .map(Integer::valueOf).toList();
        case "--faults" -> faults = java.util.Arrays.stream(args[++i].split(",")).map(String::trim)
            .map(f -> Fault.valueOf(f.toUpperCase(java.util.Locale.ROOT))).toList();
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--graceful" -> force = false;
        case "--force" -> force = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (use --down-after 5000,1000 --runs 5 --faults delete,crash,freeze --graceful|--force)");
      }
    }
    NodeAccess node = faults.contains(Fault.FREEZE) ? NodeAccess.localOrSkip() : null;
    Map<String, List<Run>> results = new LinkedHashMap<>();
    try (TestNamespace namespace = TestNamespace.create("rfg-bench")) {
      for (int downAfter : downAfters) {
        FailoverGroup group = FailoverGroup.apply(namespace.cluster(), namespace.name(), "bench-" + downAfter,
            downAfter);
        try {
          for (Fault fault : faults) {
            List<Run> measured = new ArrayList<>();
            results.put(downAfter + " | " + label(fault, force), measured);
            for (int run = 1; run <= runs; run++) {
              Run r = once(group, fault, force, node);
              measured.add(r);
              System.out.printf("down-after %5d ms  %-6s run %d/%d  %s -> %s  Service %6d ms  write %6d ms%n",
                  downAfter, fault.name().toLowerCase(java.util.Locale.ROOT), run, runs, r.from(), r.to(),
                  r.serviceMillis(), r.writeMillis());
            }
          }
        } finally {
          group.delete();
        }
      }
    } finally {
      System.out.println();
      System.out.println("3-pod group, times from the fault (ms)");
      System.out.println("| down-after (ms) | fault | runs | Service on new master: median | p90 "
          + "| write OK: median | p90 |");
      System.out.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
      results.forEach((key, list) -> System.out.printf("| %s | %d | %d | %d | %d | %d |%n", key,
          list.size(), percentile(list.stream().map(Run::serviceMillis).toList(), 50),
          percentile(list.stream().map(Run::serviceMillis).toList(), 90),
          percentile(list.stream().map(Run::writeMillis).toList(), 50),
          percentile(list.stream().map(Run::writeMillis).toList(), 90)));
    }
  }

  private static String label(Fault fault, boolean force) {
    return switch (fault) {
      case DELETE -> force ? "pod force-deleted (grace 0)" : "pod deleted (default grace: planned handover)";
      case CRASH -> "Redis crash (SHUTDOWN NOSAVE)";
      case FREEZE -> "Redis frozen (SIGSTOP)";
    };
  }

  private static Run once(FailoverGroup group, Fault fault, boolean force, NodeAccess node) throws Exception {
    String old = group.awaitReady(Duration.ofMinutes(4));
    String clusterIp = group.cluster().client().services().inNamespace(group.namespace())
        .withName(group.masterService()).get().getSpec().getClusterIP();
    String password = group.password();
    String probe = write(clusterIp, password);
    if (probe == null || !probe.startsWith(old + ".")) {
      throw new IllegalStateException("a write to " + clusterIp + ":6379 from here did not reach " + old + ": "
          + probe + " (does this machine route to ClusterIPs?)");
    }

    AtomicLong serviceAt = new AtomicLong();
    AtomicLong writeAt = new AtomicLong();
    String[] newMaster = new String[1];
    long t0 = System.nanoTime();
    Thread writer = Thread.ofPlatform().start(() -> {
      while (writeAt.get() == 0 && System.nanoTime() - t0 < Duration.ofMinutes(2).toNanos()) {
        long start = System.nanoTime();
        String who = write(clusterIp, password);
        if (who != null && !who.startsWith(old + ".")) {
          writeAt.set(System.nanoTime());
          return;
        }
        pause(start);
      }
    });
    long frozen = 0;
    switch (fault) {
      case DELETE -> {
        if (force) {
          group.cluster().client().pods().inNamespace(group.namespace()).withName(old).withGracePeriod(0).delete();
        } else {
          group.cluster().client().pods().inNamespace(group.namespace()).withName(old).delete();
        }
      }
      case CRASH -> shutdownNoSave(group.pod(old).getStatus().getPodIP(), password);
      case FREEZE -> {
        frozen = node.hostPid(group.pod(old), "redis");
        node.signal(frozen, "STOP");
      }
      default -> throw new IllegalStateException(fault.name());
    }
    while (serviceAt.get() == 0 && System.nanoTime() - t0 < Duration.ofMinutes(2).toNanos()) {
      long start = System.nanoTime();
      try {
        List<String> endpoints = group.masterEndpoints();
        if (endpoints.size() == 1 && !endpoints.get(0).equals(old)) {
          serviceAt.set(System.nanoTime());
          newMaster[0] = endpoints.get(0);
        }
      } catch (RuntimeException e) {
        // the API server is busy: poll again
      }
      pause(start);
    }
    writer.join(Duration.ofMinutes(2));
    if (frozen != 0) {
      node.signal(frozen, "CONT");
    }
    if (serviceAt.get() == 0 || writeAt.get() == 0) {
      throw new IllegalStateException("no failover within 2 minutes after the " + fault + " of " + old);
    }
    return new Run((serviceAt.get() - t0) / 1_000_000, (writeAt.get() - t0) / 1_000_000, old, newMaster[0]);
  }

  /** Nearest-rank percentile. */
  static long percentile(List<Long> values, int p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static void pause(long since) {
    long left = 50 - (System.nanoTime() - since) / 1_000_000;
    if (left > 0) {
      try {
        Thread.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** AUTH + SHUTDOWN NOSAVE to a Redis: it exits at once, its pod stays. */
  static void shutdownNoSave(String host, String password) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, 6379), 1000);
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write((command("AUTH", password) + command("SHUTDOWN", "NOSAVE")).getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      line(in);
      while (in.read() != -1) {
        // until Redis closes the connection as it exits
      }
    } catch (IOException e) {
      // the connection ends with the server
    }
  }

  /** AUTH, SET, CONFIG GET replica-announce-ip on a fresh connection: the answering pod's FQDN, or null. */
  static String write(String host, String password) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, 6379), 300);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      out.write((command("AUTH", password) + command("SET", "rfg-bench", Long.toString(System.nanoTime()))
          + command("CONFIG", "GET", "replica-announce-ip")).getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (!line(in).equals("+OK") || !line(in).equals("+OK")) {
        return null;
      }
      String header = line(in);
      if (!header.equals("*2")) {
        return null;
      }
      line(in);
      line(in);
      line(in);
      return line(in);
    } catch (IOException e) {
      return null;
    }
  }

  private static String command(String... parts) {
    StringBuilder sb = new StringBuilder("*").append(parts.length).append("\r\n");
    for (String part : parts) {
      sb.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
    }
    return sb.toString();
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        return sb.toString();
      }
      sb.append((char) c);
    }
    throw new IOException("connection closed");
  }
}
