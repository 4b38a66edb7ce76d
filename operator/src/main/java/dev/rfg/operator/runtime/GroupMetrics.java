package dev.rfg.operator.runtime;

import dev.rfg.api.v1alpha1.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFG's own metrics beside JOSDK's: groups by phase ({@code rfg_groups{phase=...}}), each group's readiness
 * ({@code rfg_group_ready{namespace,group}}, for an alert on a group not Ready for a while), failovers the operator
 * observed ({@code rfg_failovers_observed_total}) and failed reconciles ({@code rfg_reconcile_errors_total}).
 */
public final class GroupMetrics {

  private final Map<String, Phase> phases = new ConcurrentHashMap<>();
  private final Map<String, Gauge> readiness = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  private final Counter failovers;
  private final Counter errors;

  public GroupMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Phase phase : Phase.values()) {
      Gauge.builder("rfg_groups", phases, m -> m.values().stream().filter(p -> p == phase).count())
          .description("RedisFailoverGroups by phase").tag("phase", phase.name()).register(registry);
    }
    failovers = Counter.builder("rfg_failovers_observed").description("Master changes the operator observed")
        .register(registry);
    errors = Counter.builder("rfg_reconcile_errors").description("Reconciles that failed").register(registry);
  }

  /** For tests and runs that export nothing. */
  public static GroupMetrics discarding() {
    return new GroupMetrics(new SimpleMeterRegistry());
  }

  public void phase(String namespace, String name, Phase phase) {
    String key = namespace + "/" + name;
    phases.put(key, phase);
    readiness.computeIfAbsent(key, k -> Gauge.builder("rfg_group_ready", phases, m -> m.get(k) == Phase.Ready ? 1 : 0)
        .description("1 while the group is Ready").tag("namespace", namespace).tag("group", name)
        .register(registry));
  }

  /** Records the group's phase, and a failover when the master changed since {@code before}. */
  public void observe(String namespace, String name, dev.rfg.api.v1alpha1.RedisFailoverGroupStatus before,
      dev.rfg.api.v1alpha1.RedisFailoverGroupStatus now) {
    phase(namespace, name, now.getPhase());
    if (before != null && before.getMaster() != null && now.getMaster() != null
        && !before.getMaster().getPod().equals(now.getMaster().getPod())) {
      failoverObserved();
    }
  }

  public void forget(String namespace, String name) {
    String key = namespace + "/" + name;
    phases.remove(key);
    Gauge gone = readiness.remove(key);
    if (gone != null) {
      registry.remove(gone);
    }
  }

  /**
   * Forgets the groups not in {@code live} ("namespace/name"): without a finalizer no callback says a group was
   * deleted, so the reconciler hands over the groups its informer still holds, now and then.
   */
  public void retainOnly(java.util.Set<String> live) {
    for (String key : java.util.List.copyOf(phases.keySet())) {
      if (!live.contains(key)) {
        int slash = key.indexOf('/');
        forget(key.substring(0, slash), key.substring(slash + 1));
      }
    }
  }

  public void failoverObserved() {
    failovers.increment();
  }

  public void reconcileFailed() {
    errors.increment();
  }
}
