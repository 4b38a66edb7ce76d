package dev.rfg.operator.rollout;

import dev.rfg.operator.Groups;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.PodState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Which pod a switchover outside a rollout goes to: a user's annotation, or a scale-down held by the master. */
class SwitchoverReasonsTest {
  private static final GroupNames NAMES = new GroupNames("cache", "shop", "cluster.local");

  private static List<PodState> pods(int n, int notReady) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> new PodState("cache-" + i, i != notReady,
        i == 0 ? "master" : "replica", 1, "rev", null, false)).toList();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("nothing asks", 3, null, pods(3, -1), "cache-0", 3, Optional.empty()),
        Arguments.of("the annotation names a pod", 3, "cache-2", pods(3, -1), "cache-0", 3, Optional.of("cache-2")),
        Arguments.of("the annotation names the master: nothing to do", 3, "cache-0", pods(3, -1), "cache-0", 3,
            Optional.empty()),
        Arguments.of("an empty annotation: the lowest ready replica", 3, "", pods(3, 1), "cache-0", 3,
            Optional.of("cache-2")),
        Arguments.of("a scale-down 5 -> 3 held by the master on cache-4: a pod that stays", 3, null, pods(5, -1),
            "cache-4", 5, Optional.of("cache-0")),
        Arguments.of("a scale-down that keeps the master needs nothing", 3, null, pods(5, -1), "cache-1", 5,
            Optional.empty()),
        Arguments.of("no trusted master: nothing", 3, "cache-2", pods(3, -1), null, 3, Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void target(String name, int replicas, String annotation, List<PodState> pods, String master, int stsReplicas,
      Optional<String> expected) {
    var group = Groups.fromYaml("replicas: " + replicas);
    if (annotation != null) {
      group.getMetadata().setAnnotations(Map.of("rfg.dev/switchover", annotation));
    }
    assertThat(SwitchoverReasons.target(group, NAMES, pods, master, stsReplicas)).isEqualTo(expected);
  }
}
