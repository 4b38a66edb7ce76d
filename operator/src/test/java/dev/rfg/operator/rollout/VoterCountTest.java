package dev.rfg.operator.rollout;

import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.PodState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** New voters count once Ready (in ordinal order, so a recount gives the same), removed ones until gone. */
class VoterCountTest {

  private static final GroupNames NAMES = new GroupNames("cache", "shop", "cluster.local");

  /** {@code pods}: one letter per ordinal, R ready, N not ready (running or starting), - no pod. */
  @ParameterizedTest(name = "{0}: replicas {1}, last voters {2}, pods {3} -> {4}")
  @CsvSource(delimiter = '|', value = {
      "new group                       | 3 |      | RRR   | 3",
      "settled                         | 3 | 3    | RRR   | 3",
      "settled, a replica down         | 3 | 3    | RNR   | 3",
      "3 -> 5, new pods starting       | 5 | 3    | RRRNN | 3",
      "3 -> 5, one new pod Ready       | 5 | 3    | RRRRN | 4",
      "3 -> 5, only the last one Ready | 5 | 3    | RRRNR | 3",
      "3 -> 5, recounted after one     | 5 | 4    | RRRRN | 4",
      "3 -> 5, counted one went down   | 5 | 4    | RRRNN | 4",
      "3 -> 5, both Ready              | 5 | 3    | RRRRR | 5",
      "3 -> 5, a master lost meanwhile | 5 | 3    | NRRNN | 3",
      "5 -> 3, both still run          | 3 | 5    | RRRRR | 5",
      "5 -> 3, one gone                | 3 | 5    | RRRR- | 4",
      "5 -> 3, both gone               | 3 | 5    | RRR-- | 3",
      "3 -> 5 reverted to 3            | 3 | 4    | RRRR- | 4",
      "an operator before voters       | 5 |      | RRRNN | 5",
  })
  void votersFollowThePods(String name, int replicas, Integer previous, String pods, int expected) {
    assertThat(VoterCount.of(replicas, previous, pods(pods), NAMES)).isEqualTo(expected);
  }

  private static List<PodState> pods(String spec) {
    List<PodState> pods = new ArrayList<>();
    for (int i = 0; i < spec.length(); i++) {
      if (spec.charAt(i) != '-') {
        pods.add(new PodState("cache-" + i, spec.charAt(i) == 'R', "replica", 1, "rev", null, false));
      }
    }
    return pods;
  }
}
