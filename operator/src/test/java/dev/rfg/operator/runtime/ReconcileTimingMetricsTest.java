package dev.rfg.operator.runtime;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconcileTimingMetricsTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<String> delegated = new ArrayList<>();
  private final Metrics delegate = new Metrics() {
    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
      delegated.add("time " + execution.name());
      return execution.execute();
    }

    @Override
    public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
      delegated.add("cleanupDone " + resourceID.getName());
    }

    @Override
    public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
      delegated.add("size " + name);
      return map;
    }
  };
  private final ReconcileTimingMetrics metrics = new ReconcileTimingMetrics(delegate, registry);

  @Test
  void everyReconcileIsTimedIntoAHistogramAndStillReachesJosdksMetrics() throws Exception {
    assertThat(metrics.timeControllerExecution(execution("reconcile", () -> {
      Thread.sleep(30);
      return "done";
    }))).isEqualTo("done");
    assertThatThrownBy(() -> metrics.timeControllerExecution(execution("reconcile", () -> {
      throw new IllegalStateException("API server gone");
    }))).hasMessage("API server gone");
    metrics.timeControllerExecution(execution("cleanup", () -> "cleaned"));

    var timer = registry.get(ReconcileTimingMetrics.NAME).timer();
    assertThat(timer.count()).as("two reconciles, the failed one included; cleanups are not reconciles")
        .isEqualTo(2);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(30);
    assertThat(delegated).containsExactly("time reconcile", "time reconcile", "time cleanup");

    String scrape = registry.scrape();
    assertThat(scrape).contains("# TYPE rfg_reconcile_duration_seconds histogram",
        "rfg_reconcile_duration_seconds_count 2", "rfg_reconcile_duration_seconds_bucket{le=\"+Inf\"} 2");
    assertThat(scrape.lines().filter(l -> l.startsWith("rfg_reconcile_duration_seconds_bucket")).count())
        .as("buckets fine enough for a p99").isGreaterThan(20);
  }

  @Test
  void theOtherCallbacksAreDelegated() {
    var map = new HashMap<String, String>();
    assertThat(metrics.monitorSizeOf(map, "cache")).isSameAs(map);
    metrics.cleanupDoneFor(new ResourceID("cache", "shop"), Map.of());
    assertThat(delegated).containsExactly("size cache", "cleanupDone cache");
  }

  private interface Body<T> {
    T run() throws Exception;
  }

  private static <T> Metrics.ControllerExecution<T> execution(String name, Body<T> body) {
    return new Metrics.ControllerExecution<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String controllerName() {
        return "redisfailovergroup";
      }

      @Override
      public String successTypeName(T result) {
        return "ok";
      }

      @Override
      public ResourceID resourceID() {
        return new ResourceID("cache", "shop");
      }

      @Override
      public Map<String, Object> metadata() {
        return Map.of();
      }

      @Override
      public T execute() throws Exception {
        return body.run();
      }
    };
  }
}
