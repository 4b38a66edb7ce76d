package dev.rfg.e2e.workload;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AckedRangesTest {

  @Test
  void consecutiveNumbersAreOneRange() {
    AckedRanges ranges = new AckedRanges();
    for (long seq = 1; seq <= 100_000; seq++) {
      ranges.add(seq);
    }
    assertThat(ranges.count()).isEqualTo(100_000);
    assertThat(ranges.rangeCount()).isEqualTo(1);
    assertThat(ranges.toString()).isEqualTo("1-100000");
  }

  @Test
  void gapsBreakRangesAndFillingThemMerges() {
    AckedRanges ranges = new AckedRanges();
    for (long seq : new long[] {1, 2, 3, 5, 6, 9, 12, 11}) {
      ranges.add(seq);
    }
    assertThat(ranges.toString()).isEqualTo("1-3,5-6,9,11-12");
    assertThat(ranges.count()).isEqualTo(8);
    assertThat(ranges.add(4)).isTrue();
    assertThat(ranges.add(10)).isTrue();
    assertThat(ranges.toString()).isEqualTo("1-6,9-12");
    assertThat(ranges.add(7)).isTrue();
    assertThat(ranges.add(8)).isTrue();
    assertThat(ranges.toString()).isEqualTo("1-12");
    assertThat(ranges.rangeCount()).isEqualTo(1);
    assertThat(ranges.count()).isEqualTo(12);
  }

  @Test
  void duplicatesAreNotCountedTwice() {
    AckedRanges ranges = new AckedRanges();
    assertThat(ranges.add(5)).isTrue();
    assertThat(ranges.add(6)).isTrue();
    assertThat(ranges.add(5)).isFalse();
    assertThat(ranges.add(6)).isFalse();
    assertThat(ranges.count()).isEqualTo(2);
    assertThat(ranges.contains(5)).isTrue();
    assertThat(ranges.contains(4)).isFalse();
    assertThat(ranges.contains(7)).isFalse();
  }

  @Test
  void forEachAndDescribe() {
    AckedRanges ranges = new AckedRanges();
    for (long seq : new long[] {10, 1, 2, 20, 21, 22, 30}) {
      ranges.add(seq);
    }
    List<Long> all = new ArrayList<>();
    ranges.forEach(all::add);
    assertThat(all).containsExactly(1L, 2L, 10L, 20L, 21L, 22L, 30L);
    assertThat(ranges.describe(2)).isEqualTo("1-2,10,...");
    assertThat(ranges.ranges()).extracting(AckedRanges.Range::size).containsExactly(2L, 1L, 3L, 1L);
    AckedRanges copy = ranges.copy();
    copy.add(3);
    assertThat(ranges.contains(3)).isFalse();
    assertThat(copy.count()).isEqualTo(8);
  }

  @Test
  void ackTimesBoundEveryNumber() {
    AckTimes times = new AckTimes(10);
    times.record(1, 1000);
    times.record(2, 1003);  // within 10 ms of the checkpoint: not kept
    times.record(3, 1011);
    times.record(4, 1500);
    times.record(5, 1502);
    times.record(6, 1504);  // the end of a run: 7 failed
    times.record(8, 9000);
    assertThat(times.notBefore(2)).isEqualTo(1000);
    assertThat(times.notAfter(2)).isEqualTo(1011);
    assertThat(times.notBefore(4)).isEqualTo(1500);
    assertThat(times.notAfter(4)).isEqualTo(1500);
    assertThat(times.notBefore(6)).isEqualTo(1504);
    assertThat(times.notAfter(6)).isEqualTo(1504);
    assertThat(times.notAfter(7)).isEqualTo(9000);
    assertThat(times.notAfter(8)).isEqualTo(9000);
    assertThat(new AckTimes(10).notBefore(1)).isEqualTo(-1);
  }

  @Test
  void ackTimesStayCompactForLongRuns() {
    AckTimes times = new AckTimes(10);
    for (long seq = 1; seq <= 100_000; seq++) {
      times.record(seq, 1_000_000 + seq / 5);  // 5 acks per ms, 20 s in all
    }
    assertThat(times.size()).isBetween(2_000, 2_002);
    assertThat(times.notAfter(100_000)).isEqualTo(1_000_000 + 20_000);
    assertThat(times.notBefore(50_000) - 1_000_000).isBetween(9_990L, 10_000L);
  }
}
