package dev.rfg.operator.render;

import dev.rfg.api.v1alpha1.NetworkPolicySpec;
import dev.rfg.operator.OperatorSettings.OperatorPods;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ingress to a group's pods: its own pods and the operator on the Redis and sentinel ports (replication, the
 * sentinels' links, the operator's status and switchovers), the spec's clients on the same two, its scrapers on
 * the sidecar's HTTP port. Ingress only: what the pods reach out to (the API server, DNS) is the cluster's
 * business, and an egress rule the operator guessed would break clusters it does not know.
 */
public final class NetworkPolicyRenderer {

  /** The label every namespace carries since Kubernetes 1.22: the operator's namespace, by name. */
  static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

  private NetworkPolicyRenderer() {
  }

  public static NetworkPolicy render(GroupNames names, NetworkPolicySpec spec, OperatorPods operator) {
    List<NetworkPolicyPort> data = List.of(port(RedisConfRenderer.REDIS_PORT),
        port(SentinelSettingsRenderer.SENTINEL_PORT));
    List<NetworkPolicyPeer> insiders = new ArrayList<>();
    insiders.add(new NetworkPolicyPeerBuilder()
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(GroupLabels.selector(names.group())).build())
        .build());
    if (operator != null) {
      insiders.add(new NetworkPolicyPeerBuilder()
          .withNamespaceSelector(new LabelSelectorBuilder()
              .withMatchLabels(Map.of(NAMESPACE_NAME, operator.namespace())).build())
          .withPodSelector(new LabelSelectorBuilder().withMatchLabels(operator.labels()).build())
          .build());
    }
    List<NetworkPolicyIngressRule> rules = new ArrayList<>();
    rules.add(rule(insiders, data));
    if (!spec.getClients().isEmpty()) {
      rules.add(rule(spec.getClients(), data));
    }
    if (!spec.getMetricsScrapers().isEmpty()) {
      rules.add(rule(spec.getMetricsScrapers(), List.of(port(SentinelContainerRenderer.HTTP_PORT))));
    }
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName(names.networkPolicy()).withNamespace(names.namespace())
        .withLabels(GroupLabels.common(names.group())).endMetadata()
        .withNewSpec()
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(GroupLabels.selector(names.group())).build())
        .withPolicyTypes("Ingress")
        .withIngress(rules)
        .endSpec()
        .build();
  }

  private static NetworkPolicyIngressRule rule(List<NetworkPolicyPeer> from, List<NetworkPolicyPort> ports) {
    return new NetworkPolicyIngressRuleBuilder().withFrom(from).withPorts(ports).build();
  }

  private static NetworkPolicyPort port(int port) {
    return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(port)).build();
  }
}
