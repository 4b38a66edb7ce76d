package dev.rfg.e2e.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * A set of sequence numbers kept as closed ranges ({@code [from, to]}), so a writer that acknowledges millions of
 * consecutive writes holds a handful of entries: a range breaks only where a write failed. Numbers may come in any
 * order; adjacent and overlapping ranges merge. Not thread-safe.
 */
public final class AckedRanges {

  private final TreeMap<Long, Long> ranges = new TreeMap<>();
  private long count;

  /** Adds one number; returns false when it was already in the set. */
  public boolean add(long seq) {
    Map.Entry<Long, Long> below = ranges.floorEntry(seq);
    if (below != null && below.getValue() >= seq) {
      return false;
    }
    long from = seq;
    long to = seq;
    if (below != null && below.getValue() == seq - 1) {
      from = below.getKey();
    }
    Long aboveTo = ranges.remove(seq + 1);
    if (aboveTo != null) {
      to = aboveTo;
    }
    ranges.put(from, to);
    count++;
    return true;
  }

  public boolean contains(long seq) {
    Map.Entry<Long, Long> below = ranges.floorEntry(seq);
    return below != null && below.getValue() >= seq;
  }

  /** How many numbers the set holds. */
  public long count() {
    return count;
  }

  /** How many ranges it takes to hold them. */
  public int rangeCount() {
    return ranges.size();
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** One closed range. */
  public record Range(long from, long to) {
    public long size() {
      return to - from + 1;
    }

    @Override
    public String toString() {
      return from == to ? Long.toString(from) : from + "-" + to;
    }
  }

  /** The ranges in ascending order. */
  public List<Range> ranges() {
    List<Range> list = new ArrayList<>(ranges.size());
    ranges.forEach((from, to) -> list.add(new Range(from, to)));
    return list;
  }

  /** Every number, ascending. */
  public void forEach(LongConsumer consumer) {
    ranges.forEach((from, to) -> {
      for (long seq = from; seq <= to; seq++) {
        consumer.accept(seq);
      }
    });
  }

  public AckedRanges copy() {
    AckedRanges copy = new AckedRanges();
    copy.ranges.putAll(ranges);
    copy.count = count;
    return copy;
  }

  /** The first {@code max} ranges as "1-5,7,9-12", with ",..." when there are more. */
  public String describe(int max) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (var entry : ranges.entrySet()) {
      if (n == max) {
        out.append(",...");
        break;
      }
      if (n++ > 0) {
        out.append(',');
      }
      out.append(new Range(entry.getKey(), entry.getValue()));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return describe(Integer.MAX_VALUE);
  }
}
