package dev.rfg.e2e.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads every acknowledged key of a writer back (in batches, e.g. MGET) and tells which ones the master no longer
 * has: a key is present when it holds the value written ({@code <seq>}), lost otherwise.
 */
public final class Verifier {

  /** Reads a batch of keys; the answer has one value (null when missing) per key, in order. */
  @FunctionalInterface
  public interface KeyReader {
    List<String> read(List<String> keys);
  }

  static final int BATCH = 1000;
  static final int LOST_KEYS_SHOWN = 10;
  static final int LOST_RANGES_SHOWN = 20;

  private Verifier() {
  }

  public static String key(String prefix, long seq) {
    return prefix + ":" + seq;
  }

  /** The verification entry of one writer. */
  public static Map<String, Object> verify(WriterStats stats, String prefix, KeyReader reader) {
    AckedRanges acked = stats.ackedCopy();
    AckedRanges lost = new AckedRanges();
    long[] wrong = {0};
    List<Long> batch = new ArrayList<>(BATCH);
    Runnable flush = () -> {
      if (batch.isEmpty()) {
        return;
      }
      List<String> keys = batch.stream().map(seq -> key(prefix, seq)).toList();
      List<String> values = reader.read(keys);
      if (values == null || values.size() != keys.size()) {
        throw new IllegalStateException("read of " + keys.size() + " keys answered "
            + (values == null ? "nothing" : values.size() + " values"));
      }
      for (int i = 0; i < keys.size(); i++) {
        String value = values.get(i);
        long seq = batch.get(i);
        if (!Objects.equals(value, Long.toString(seq))) {
          lost.add(seq);
          if (value != null) {
            wrong[0]++;
          }
        }
      }
      batch.clear();
    };
    acked.forEach(seq -> {
      batch.add(seq);
      if (batch.size() == BATCH) {
        flush.run();
      }
    });
    flush.run();

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", stats.name());
    out.put("mode", stats.mode());
    out.put("waitMs", stats.waitMs());
    out.put("acked", acked.count());
    out.put("present", acked.count() - lost.count());
    out.put("lost", lost.count());
    out.put("wrongValue", wrong[0]);
    List<String> lostKeys = new ArrayList<>();
    for (AckedRanges.Range range : lost.ranges()) {
      for (long seq = range.from(); seq <= range.to() && lostKeys.size() < LOST_KEYS_SHOWN; seq++) {
        lostKeys.add(key(prefix, seq));
      }
    }
    out.put("lostKeys", lostKeys);
    out.put("lostRanges", lost.describe(LOST_RANGES_SHOWN));
    List<AckedRanges.Range> lostRanges = lost.ranges();
    // When the lost writes were acknowledged (to the checkpoint granularity): the window a stale master took them.
    out.put("lostAckedFromMs", lostRanges.isEmpty() ? -1 : stats.ackNotBefore(lostRanges.get(0).from()));
    out.put("lostAckedToMs", lostRanges.isEmpty() ? -1
        : stats.ackNotAfter(lostRanges.get(lostRanges.size() - 1).to()));
    return out;
  }
}
