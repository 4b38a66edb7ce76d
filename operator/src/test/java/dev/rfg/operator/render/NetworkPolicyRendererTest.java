package dev.rfg.operator.render;

import dev.rfg.operator.Groups;
import dev.rfg.operator.OperatorSettings.OperatorPods;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkPolicyRendererTest {

  private static final OperatorPods OPERATOR = new OperatorPods("rfg-system",
      Map.of("app.kubernetes.io/name", "rfg-operator", "app.kubernetes.io/instance", "rfg"));

  private static NetworkPolicy render(String spec, OperatorPods operator) {
    var group = Groups.fromYaml(spec);
    return NetworkPolicyRenderer.render(GroupNames.of(group, "cluster.local"), group.getSpec().getNetworkPolicy(),
        operator);
  }

  private static List<Integer> ports(NetworkPolicyIngressRule rule) {
    return rule.getPorts().stream().map(NetworkPolicyPort::getPort).map(p -> p.getIntVal()).toList();
  }

  @Test
  void theGroupAndTheOperatorAlwaysReachRedisAndTheSentinelsAndNobodyElse() {
    var policy = render("networkPolicy: {enabled: true}", OPERATOR);
    assertThat(policy.getMetadata().getName()).isEqualTo("cache");
    assertThat(policy.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(policy.getMetadata().getLabels()).containsEntry(GroupLabels.MANAGED_BY, GroupLabels.MANAGER);
    assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of(GroupLabels.GROUP, "cache"));
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
    var rule = policy.getSpec().getIngress();
    assertThat(rule).singleElement().satisfies(r -> {
      assertThat(ports(r)).containsExactly(6379, 26379);
      assertThat(r.getPorts()).allSatisfy(p -> assertThat(p.getProtocol()).isEqualTo("TCP"));
      assertThat(r.getFrom()).hasSize(2);
      var group = r.getFrom().get(0);
      assertThat(group.getPodSelector().getMatchLabels()).isEqualTo(Map.of(GroupLabels.GROUP, "cache"));
      assertThat(group.getNamespaceSelector()).as("the group's own namespace only").isNull();
      var operator = r.getFrom().get(1);
      assertThat(operator.getNamespaceSelector().getMatchLabels())
          .isEqualTo(Map.of("kubernetes.io/metadata.name", "rfg-system"));
      assertThat(operator.getPodSelector().getMatchLabels()).isEqualTo(OPERATOR.labels());
    });
  }

  @Test
  void clientsGetTheDataPortsAndScrapersOnlyTheMetricsPort() {
    var policy = render("""
        networkPolicy:
          enabled: true
          clients:
          - podSelector: {matchLabels: {app: shop-web}}
          - namespaceSelector: {matchLabels: {team: payments}}
            podSelector: {matchLabels: {app: billing}}
          metricsScrapers:
          - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
        """, OPERATOR);
    var rules = policy.getSpec().getIngress();
    assertThat(rules).hasSize(3);
    assertThat(ports(rules.get(1))).containsExactly(6379, 26379);
    assertThat(rules.get(1).getFrom()).hasSize(2);
    assertThat(rules.get(1).getFrom().get(0).getPodSelector().getMatchLabels()).isEqualTo(Map.of("app", "shop-web"));
    assertThat(rules.get(1).getFrom().get(1).getNamespaceSelector().getMatchLabels())
        .isEqualTo(Map.of("team", "payments"));
    assertThat(ports(rules.get(2))).containsExactly(8080);
    assertThat(rules.get(2).getFrom()).singleElement().satisfies(p ->
        assertThat(p.getNamespaceSelector().getMatchLabels())
            .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring")));
  }

  @Test
  void anOperatorThatRunsOutsideAPodIsNotGuessed() {
    var rule = render("networkPolicy: {enabled: true}", null).getSpec().getIngress();
    assertThat(rule).singleElement().satisfies(r -> assertThat(r.getFrom()).singleElement()
        .satisfies(p -> assertThat(p.getPodSelector().getMatchLabels()).containsKey(GroupLabels.GROUP)));
  }
}
