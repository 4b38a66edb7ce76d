package dev.rfg.operator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JOSDK's metrics (the delegate, normally {@code MicrometerMetrics}) plus {@code rfg_reconcile_duration_seconds}:
 * a Prometheus histogram of how long each reconcile ran, taken from JOSDK's {@link Metrics#timeControllerExecution}
 * hook, so failed reconciles count too; the status patch JOSDK sends after the reconciler returns is not
 * included. JOSDK's own timer of that hook ({@code operator_sdk_controllers_execution_reconcile_seconds}) carries
 * JOSDK's names and tags, which change between JOSDK versions; this one is RFG's stable name for dashboards
 * and alerts, with buckets from 1 ms to 60 s.
 */
public final class ReconcileTimingMetrics implements Metrics {

  /** Micrometer's name; Prometheus shows it as {@code rfg_reconcile_duration_seconds}. */
  public static final String NAME = "rfg_reconcile_duration";
  private static final String RECONCILE = "reconcile";

  private final Metrics delegate;
  private final Timer reconciles;

  public ReconcileTimingMetrics(Metrics delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.reconciles = Timer.builder(NAME)
        .description("Time the reconciler took per reconcile, failed ones included, status patch excluded")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    if (!RECONCILE.equals(execution.name())) {
      return delegate.timeControllerExecution(execution);
    }
    long start = System.nanoTime();
    try {
      return delegate.timeControllerExecution(execution);
    } finally {
      reconciles.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    delegate.controllerRegistered(controller);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    delegate.receivedEvent(event, metadata);
  }

  @Override
  public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    delegate.reconcileCustomResource(resource, retryInfo, metadata);
  }

  @Override
  public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    delegate.failedReconciliation(resource, exception, metadata);
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    delegate.reconciliationExecutionStarted(resource, metadata);
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    delegate.reconciliationExecutionFinished(resource, metadata);
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    delegate.cleanupDoneFor(resourceID, metadata);
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    delegate.finishedReconciliation(resource, metadata);
  }

  @Override
  public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
    return delegate.monitorSizeOf(map, name);
  }
}
