package dev.rfg.operator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's environment, as the chart sets it. */
class OperatorSettingsTest {

  @Test
  void defaultsFitASmallOperator() {
    OperatorSettings s = OperatorSettings.defaults();
    assertThat(s.reconcileThreads()).isEqualTo(16);
    assertThat(s.watchNamespaces()).isEmpty();
    assertThat(s.httpPort()).isEqualTo(8080);
  }

  @Test
  void theChartsVariablesAreRead() {
    OperatorSettings s = OperatorSettings.fromEnvironment(Map.of("RFG_RECONCILE_THREADS", "4",
        "RFG_WATCH_NAMESPACES", " team-a, ,team-b", "RFG_LEADER_ELECTION", "true"));
    assertThat(s.reconcileThreads()).isEqualTo(4);
    assertThat(s.watchNamespaces()).isEqualTo(List.of("team-a", "team-b"));
    assertThat(s.leaderElection()).isTrue();
  }

  @Test
  void aThreadCountThatIsNoPositiveNumberIsRefusedByName() {
    for (String bad : List.of("0", "-2", "many")) {
      assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("RFG_RECONCILE_THREADS", bad)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFG_RECONCILE_THREADS")
          .hasMessageContaining(bad);
    }
  }

  @Test
  void theOperatorsOwnPodsAreKnownOnlyWhenTheChartNamesThem() {
    assertThat(OperatorSettings.defaults().operatorPods()).isNull();
    assertThat(OperatorSettings.fromEnvironment(Map.of("POD_NAMESPACE", "rfg-system")).operatorPods()).isNull();
    var pods = OperatorSettings.fromEnvironment(Map.of("POD_NAMESPACE", "rfg-system",
        "RFG_OPERATOR_POD_LABELS", "app.kubernetes.io/name=rfg-operator, app.kubernetes.io/instance=rfg"))
        .operatorPods();
    assertThat(pods.namespace()).isEqualTo("rfg-system");
    assertThat(pods.labels()).isEqualTo(Map.of("app.kubernetes.io/name", "rfg-operator",
        "app.kubernetes.io/instance", "rfg"));
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("POD_NAMESPACE", "rfg-system",
        "RFG_OPERATOR_POD_LABELS", "rfg-operator"))).hasMessageContaining("RFG_OPERATOR_POD_LABELS");
  }
}
