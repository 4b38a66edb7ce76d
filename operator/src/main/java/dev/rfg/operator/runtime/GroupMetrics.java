package dev.rfg.operator.runtime;

import dev.rfg.api.v1alpha1.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFG's own metrics beside JOSDK's: groups by phase ({@code rfg_groups{phase=...}}), failovers the operator
 * observed ({@code rfg_failovers_observed_total}) and failed reconciles ({@code rfg_reconcile_errors_total}).
 */
public final class GroupMetrics {

  private final Map<String, Phase> phases = new ConcurrentHashMap<>();
  private final Counter failovers;
  private final Counter errors;

  public GroupMetrics(MeterRegistry registry) {
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
    phases.put(namespace + "/" + name, phase);
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
    phases.remove(namespace + "/" + name);
  }

  public void failoverObserved() {
    failovers.increment();
  }

  public void reconcileFailed() {
    errors.increment();
  }
}
