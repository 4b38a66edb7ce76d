package dev.rfg.operator;

import dev.rfg.operator.render.GroupNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleDownGuardTest {

  private static final GroupNames NAMES = new GroupNames("cache", "shop", "cluster.local");

  private static String masterAt(String pod) {
    return pod;
  }

  private static Optional<io.fabric8.kubernetes.api.model.apps.StatefulSet> sts(int replicas) {
    return Optional.of(new StatefulSetBuilder().withNewSpec().withReplicas(replicas).endSpec().build());
  }

  @Test
  void scaleDownWaitsWhileTheMasterWouldBeRemoved() {
    var group = Groups.fromYaml("{replicas: 3}");
    assertThat(ScaleDownGuard.statefulSetReplicas(group, NAMES, sts(5), masterAt("cache-4"))).isEqualTo(5);
  }

  @Test
  void scaleDownProceedsWhenTheMasterStays() {
    var group = Groups.fromYaml("{replicas: 3}");
    assertThat(ScaleDownGuard.statefulSetReplicas(group, NAMES, sts(5), masterAt("cache-1"))).isEqualTo(3);
  }

  @Test
  void scaleUpAndFirstCreationFollowTheSpec() {
    var group = Groups.fromYaml("{replicas: 5}");
    assertThat(ScaleDownGuard.statefulSetReplicas(group, NAMES, sts(3), masterAt("cache-2"))).isEqualTo(5);
    assertThat(ScaleDownGuard.statefulSetReplicas(group, NAMES, Optional.empty(), null)).isEqualTo(5);
  }

  @Test
  void scaleDownWaitsWhileTheMasterIsUnknown() {
    var group = Groups.fromYaml("{replicas: 3}");
    assertThat(ScaleDownGuard.statefulSetReplicas(group, NAMES, sts(5), null)).isEqualTo(5);
    assertThat(ScaleDownGuard.statefulSetReplicas(group, NAMES, sts(5), "somewhere-else")).isEqualTo(5);
  }
}
