package dev.rfg.operator.gate;

import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.GroupObservation;
import dev.rfg.operator.status.SentinelReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate in front of destructive actions, case by case: what the sentinels say, what the named pod's Redis
 * answers to ROLE, and the verdict (the master actions may rely on, or why they wait).
 */
class DestructiveActionGateTest {
  private static final GroupNames NAMES = new GroupNames("cache", "shop", "cluster.local");
  private static final String HOST0 = NAMES.podHost("cache-0");
  private static final String HOST1 = NAMES.podHost("cache-1");

  private static SentinelReport says(int i, String host, String flags) {
    return new SentinelReport("cache-" + i, host, 6379, 1, flags, 2, null);
  }

  private static SentinelReport silent(int i) {
    return SentinelReport.unreachable("cache-" + i, "timeout");
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("all three agree, Redis is master", 3,
            List.of(says(0, HOST0, "master"), says(1, HOST0, "master"), says(2, HOST0, "master")),
            Map.of("cache-0", "master"), "cache-0", null),
        Arguments.of("two of three agree", 3,
            List.of(says(0, HOST0, "master"), says(1, HOST0, "master"), says(2, HOST1, "master")),
            Map.of("cache-0", "master"), "cache-0", null),
        Arguments.of("a plurality of five is not a majority", 5,
            List.of(says(0, HOST0, "master"), says(1, HOST0, "master"), says(2, HOST1, "master"), silent(3),
                silent(4)),
            Map.of("cache-0", "master"), null, "2 of the 5 configured sentinels agree on the master (3 needed)"),
        Arguments.of("one answering sentinel of three", 3,
            List.of(says(0, HOST0, "master"), silent(1), silent(2)),
            Map.of("cache-0", "master"), null, "1 of the 3 configured sentinels agree on the master (2 needed)"),
        Arguments.of("no sentinel answers", 3, List.of(silent(0), silent(1), silent(2)), Map.of(), null,
            "no sentinel answers"),
        Arguments.of("a failover runs", 3,
            List.of(says(0, HOST0, "master,failover_in_progress"), says(1, HOST0, "master"),
                says(2, HOST0, "master")),
            Map.of("cache-0", "master"), null, "the sentinels report a failover in progress"),
        Arguments.of("the named pod's Redis is a replica", 3,
            List.of(says(0, HOST0, "master"), says(1, HOST0, "master"), says(2, HOST0, "master")),
            Map.of("cache-0", "slave"), null, "the sentinels name cache-0 as master, but its Redis reports role slave"),
        Arguments.of("the named pod's Redis does not answer", 3,
            List.of(says(0, HOST0, "master"), says(1, HOST0, "master"), says(2, HOST0, "master")),
            Map.of(), null, "the sentinels name cache-0 as master, but its Redis does not answer ROLE"),
        Arguments.of("the sentinels name an address outside the group", 3,
            List.of(says(0, "10.0.0.9", "master"), says(1, "10.0.0.9", "master"), says(2, "10.0.0.9", "master")),
            Map.of(), null, "the sentinels name 10.0.0.9:6379, which is not a pod of this group"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdict(String name, int configured, List<SentinelReport> reports, Map<String, String> roles,
      String masterPod, String hold) {
    var seen = new GroupObservation(configured, true, List.of(), reports, Map.of(), null, null);
    var verdict = DestructiveActionGate.decide(seen, NAMES, pod -> Optional.ofNullable(roles.get(pod)));
    assertThat(verdict.masterPod()).isEqualTo(masterPod);
    assertThat(verdict.hold()).isEqualTo(hold);
    assertThat(verdict.open()).isEqualTo(hold == null);
  }
}
