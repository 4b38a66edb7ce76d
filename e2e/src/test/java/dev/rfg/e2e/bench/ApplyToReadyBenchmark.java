package dev.rfg.e2e.bench;

import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.TestNamespace;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (a program, not a test): the time from {@code kubectl apply} of a 3-pod group (images already on the
 * node) until its Ready condition is True, and until it is settled (every sentinel knows its 2 replicas and 3
 * sentinels, the master Service on the master). Each run applies a fresh group, then deletes it and waits until
 * its pods are gone. Target: Ready within 45 s. Run: {@code e2e/bin/bench-apply-ready [--runs 5]} with KUBECONFIG
 * set ({@code eval "$(e2e/cluster/cluster.sh env)"}).
 */
public final class ApplyToReadyBenchmark {

  private static final Duration TARGET = Duration.ofSeconds(45);

  private record Run(long readyMillis, long settledMillis) {
  }

  public static void main(String[] args) {
    int runs = 5;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--runs")) {
        runs = Integer.parseInt(args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument " + args[i] + " (use --runs N)");
      }
    }
    List<Run> measured = new ArrayList<>();
    try (TestNamespace namespace = TestNamespace.create("rfg-bench-ready")) {
      for (int run = 1; run <= runs; run++) {
        Run r = once(namespace, "ready-" + run);
        measured.add(r);
        System.out.printf("run %d/%d  Ready %6d ms  settled %6d ms%n", run, runs, r.readyMillis(), r.settledMillis());
      }
    } finally {
      List<Long> ready = measured.stream().map(Run::readyMillis).toList();
      List<Long> settled = measured.stream().map(Run::settledMillis).toList();
      System.out.println();
      System.out.printf("kubectl apply -> Ready, 3-pod group, images present, %s, %d runs (ms)%n", LocalDate.now(),
          measured.size());
      System.out.println("| | median | p90 | max |");
      System.out.println("| --- | ---: | ---: | ---: |");
      System.out.printf("| Ready condition True | %d | %d | %d |%n", MasterKillBenchmark.percentile(ready, 50),
          MasterKillBenchmark.percentile(ready, 90), MasterKillBenchmark.percentile(ready, 100));
      System.out.printf("| settled (sentinels know all members) | %d | %d | %d |%n",
          MasterKillBenchmark.percentile(settled, 50), MasterKillBenchmark.percentile(settled, 90),
          MasterKillBenchmark.percentile(settled, 100));
      long worst = MasterKillBenchmark.percentile(ready, 100);
      System.out.printf("target: Ready <= %d s: %s%n", TARGET.toSeconds(),
          measured.isEmpty() ? "not measured" : worst <= TARGET.toMillis() ? "met (every run)" : "MISSED");
    }
  }

  private static Run once(TestNamespace namespace, String name) {
    long t0 = System.nanoTime();
    FailoverGroup group = FailoverGroup.apply(namespace.cluster(), namespace.name(), name, 5000);
    long ready = 0;
    long settled = 0;
    try {
      while (settled == 0 && System.nanoTime() - t0 < Duration.ofMinutes(3).toNanos()) {
        long start = System.nanoTime();
        try {
          if (ready == 0 && isReady(group)) {
            ready = System.nanoTime();
          }
          if (ready != 0) {
            group.assertSettled();
            settled = System.nanoTime();
          }
        } catch (RuntimeException | AssertionError notYet) {
          // poll again
        }
        long left = 250 - (System.nanoTime() - start) / 1_000_000;
        if (left > 0) {
          sleep(left);
        }
      }
      if (settled == 0) {
        throw new IllegalStateException(name + " was not Ready and settled within 3 minutes:\n" + group.describe());
      }
      return new Run((ready - t0) / 1_000_000, (settled - t0) / 1_000_000);
    } finally {
      group.delete();
      awaitPodsGone(group);
    }
  }

  private static boolean isReady(FailoverGroup group) {
    var status = group.resource().getStatus();
    return status != null && status.getConditions() != null && status.getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static void awaitPodsGone(FailoverGroup group) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!group.pods().isEmpty() && System.nanoTime() < deadline) {
      sleep(500);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
