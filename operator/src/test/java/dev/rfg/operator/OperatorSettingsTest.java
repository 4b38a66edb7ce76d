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
}
