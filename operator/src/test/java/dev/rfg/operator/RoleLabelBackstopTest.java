package dev.rfg.operator;

import dev.rfg.api.v1alpha1.MasterStatus;
import dev.rfg.api.v1alpha1.RedisFailoverGroupStatus;
import dev.rfg.operator.status.GroupObservation;
import dev.rfg.operator.status.SentinelReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When the operator may move role labels itself: the view of this reconcile must be one it can trust. */
class RoleLabelBackstopTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                      | desired | agreeing | master  | failing over | moves labels
      a majority of 3 names the master             | 3       | 2        | cache-0 | false        | true
      every sentinel of 3                          | 3       | 3        | cache-0 | false        | true
      one of 3: a plurality of those answering     | 3       | 1        | cache-0 | false        | false
      two of 5                                     | 5       | 2        | cache-0 | false        | false
      three of 5                                   | 5       | 3        | cache-0 | false        | true
      no master known                              | 3       | 3        |         | false        | false
      a failover running                           | 3       | 3        | cache-0 | true         | false
      no count of agreeing sentinels               | 3       |          | cache-0 | false        | false
      """)
  void labelsMoveOnlyOnAStrictMajorityOfTheConfiguredSentinelsAndNoFailover(String name, int desired,
      Integer agreeing, String master, boolean failingOver, boolean moves) {
    List<SentinelReport> reports = new ArrayList<>();
    for (int i = 0; i < desired; i++) {
      reports.add(new SentinelReport("cache-" + i, "cache-0.cache-headless.shop.svc.cluster.local", 6379, 1,
          failingOver && i == 0 ? "master,failover_in_progress" : "master", desired - 1, null));
    }
    var seen = new GroupObservation(desired, true, List.of(), reports, Map.of(), null, null);
    var status = new RedisFailoverGroupStatus();
    status.setMaster(master == null ? null : new MasterStatus(master, "10.0.0.1"));
    status.setSentinels(agreeing);

    assertThat(RoleLabelBackstop.trusted(seen, status)).isEqualTo(moves);
  }
}
