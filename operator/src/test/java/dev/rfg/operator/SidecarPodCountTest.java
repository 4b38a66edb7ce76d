package dev.rfg.operator;

import dev.rfg.operator.dependent.GroupContext;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.PodState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How many pods the sidecar Role names: the StatefulSet's size, and pods a scale-down has not removed yet. */
class SidecarPodCountTest {

  private static final GroupNames NAMES = GroupNames.of(Groups.minimal(), "cluster.local");

  @ParameterizedTest(name = "StatefulSet size {0}, pods 0..{1} exist -> {2}")
  @CsvSource({
      "3, 2, 3",  // settled
      "5, 2, 5",  // scale-up: the new pods are named before they are created
      "3, 4, 5",  // scale-down: cache-3 and cache-4 still run
      "3, -1, 3", // no pods yet
  })
  void coversEveryPodThatExistsOrIsAboutTo(int statefulSetReplicas, int highestOrdinal, int expected) {
    List<PodState> pods = IntStream.rangeClosed(0, highestOrdinal)
        .mapToObj(i -> new PodState("cache-" + i, true, "replica", 1, "r1", null, false)).toList();
    assertThat(new GroupContext(null, "cache-auth", "password", null, null, statefulSetReplicas, pods).podCount(NAMES))
        .isEqualTo(expected);
  }
}
