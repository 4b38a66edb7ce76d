package dev.rfg.operator.runtime;

import dev.rfg.api.v1alpha1.Phase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupMetricsTest {

  @Test
  void groupsByPhaseFailoversAndErrorsAreExported() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var metrics = new GroupMetrics(registry);
    metrics.phase("a", "cache", Phase.Ready);
    metrics.phase("b", "cache", Phase.Ready);
    metrics.phase("b", "sessions", Phase.Degraded);
    metrics.phase("b", "sessions", Phase.Ready);
    metrics.failoverObserved();
    metrics.reconcileFailed();

    String scrape = registry.scrape();
    assertThat(scrape).contains("rfg_groups{phase=\"Ready\"} 3.0", "rfg_groups{phase=\"Degraded\"} 0.0",
        "rfg_failovers_observed_total 1.0", "rfg_reconcile_errors_total 1.0",
        "rfg_group_ready{group=\"sessions\",namespace=\"b\"} 1.0");
    metrics.phase("b", "sessions", Phase.Degraded);
    assertThat(registry.scrape()).contains("rfg_group_ready{group=\"sessions\",namespace=\"b\"} 0.0");
    metrics.retainOnly(java.util.Set.of("a/cache", "b/cache"));
    assertThat(registry.scrape()).doesNotContain("group=\"sessions\"");
  }
}
