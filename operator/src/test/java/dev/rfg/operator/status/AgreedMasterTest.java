package dev.rfg.operator.status;

import dev.rfg.operator.render.GroupNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Destructive actions rely only on a master named by a strict majority of the configured sentinels. */
class AgreedMasterTest {
  private static final GroupNames NAMES = new GroupNames("cache", "shop", "cluster.local");
  private static final String HOST0 = NAMES.podHost("cache-0");
  private static final String HOST1 = NAMES.podHost("cache-1");

  private static SentinelReport says(int i, String host, String flags) {
    return new SentinelReport("cache-" + i, host, 6379, 1, flags, 2, null);
  }

  private static GroupObservation seen(int configured, SentinelReport... reports) {
    return new GroupObservation(configured, true, List.of(), List.of(reports), Map.of(), null, null);
  }

  @Test
  void aMajorityOfTheConfiguredSentinelsNamesTheMaster() {
    var seen = seen(3, says(0, HOST0, "master"), says(1, HOST0, "master"), says(2, HOST1, "master"));
    assertThat(StatusCalculator.electedMasterPod(seen, NAMES)).isEqualTo("cache-0");
  }

  @Test
  void aPluralityIsNotEnough() {
    var seen = seen(5, says(0, HOST0, "master"), says(1, HOST0, "master"), says(2, HOST1, "master"),
        SentinelReport.unreachable("cache-3", "timeout"), SentinelReport.unreachable("cache-4", "timeout"));
    assertThat(StatusCalculator.electedMasterPod(seen, NAMES)).isNull();
    assertThat(seen.majorityMaster()).isPresent(); // what the status still shows
  }

  @Test
  void oneAnsweringSentinelOfThreeIsNotEnough() {
    assertThat(StatusCalculator.electedMasterPod(seen(3, says(0, HOST0, "master"),
        SentinelReport.unreachable("cache-1", "timeout"), SentinelReport.unreachable("cache-2", "timeout")), NAMES))
        .isNull();
  }

  @Test
  void noMasterWhileAFailoverRuns() {
    var seen = seen(3, says(0, HOST0, "master,failover_in_progress"), says(1, HOST0, "master"),
        says(2, HOST0, "master"));
    assertThat(StatusCalculator.electedMasterPod(seen, NAMES)).isNull();
  }
}
