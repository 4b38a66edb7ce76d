package dev.rfg.operator;

import dev.rfg.operator.events.GroupEvents;
import dev.rfg.operator.rollout.JedisSwitchoverRequester;
import dev.rfg.operator.runtime.CrdUpgrade;
import dev.rfg.operator.runtime.GroupMetrics;
import dev.rfg.operator.runtime.HealthAndMetricsServer;
import dev.rfg.operator.runtime.OperatorClient;
import dev.rfg.operator.runtime.ReconcileTimingMetrics;
import dev.rfg.operator.status.JedisSentinelQuery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;

/** The operator process: one reconciler, leader election, health and metrics, graceful shutdown. */
public final class OperatorMain {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);
  static final String LEASE_NAME = "rfg-operator-leader";

  private OperatorMain() {
  }

  public static void main(String[] args) throws Exception {
    OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
    KubernetesClient client = OperatorClient.create();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (settings.crdUpgrade()) {
      CrdUpgrade.run(client);
    }
    Operator operator = start(client, settings, registry);
    HealthAndMetricsServer http = new HealthAndMetricsServer(settings.httpPort(), operator, registry);
    http.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping: finishing running reconciles");
      operator.stop();
      http.close();
    }, "shutdown"));
    LOG.info("RFG operator started: watching {}, leader election {}, sentinel image {}, http :{}",
        settings.watchNamespaces().isEmpty() ? "all namespaces" : settings.watchNamespaces(),
        settings.leaderElection() ? "on (Lease " + settings.leaseNamespace() + "/" + LEASE_NAME + ")" : "off",
        settings.sentinelImage(), http.port());
  }

  static Operator start(KubernetesClient client, OperatorSettings settings, PrometheusMeterRegistry registry) {
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withMetrics(new ReconcileTimingMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry), registry))
          .withStopOnInformerErrorDuringStartup(false)
          .withReconciliationTerminationTimeout(Duration.ofSeconds(20))
          // JOSDK's default of 50 + 50 threads costs memory (stacks, malloc arenas) and buys nothing on the
          // cores an operator gets: a reconcile waits at most on one sentinel query with a short timeout.
          .withConcurrentReconciliationThreads(settings.reconcileThreads())
          .withConcurrentWorkflowExecutorThreads(settings.reconcileThreads());
      if (settings.leaderElection()) {
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(LEASE_NAME, settings.leaseNamespace()));
      }
    });
    operator.register(new RedisFailoverGroupReconciler(settings, new JedisSentinelQuery(),
        new JedisSwitchoverRequester(), GroupEvents::new, new GroupMetrics(registry)), c -> {
      if (settings.watchNamespaces().isEmpty()) {
        c.watchingAllNamespaces();
      } else {
        c.settingNamespaces(new HashSet<>(settings.watchNamespaces()));
      }
    });
    operator.start();
    return operator;
  }
}
