package dev.rfg.e2e.workload;

import java.util.Map;
import java.util.TreeMap;

/**
 * When a writer's writes were acknowledged, to within a granularity: a checkpoint (sequence number, wall-clock ms)
 * at most every {@code granularityMs} of a run of consecutive acknowledgements, and at both ends of every run (a
 * failed write, or a pause longer than the granularity, ends one). A writer's sequence numbers grow with time, so
 * the acknowledgement of any number lies between the checkpoint at or below it and the one at or above it, and
 * the last write of a run has its exact time. Not thread-safe.
 */
public final class AckTimes {

  private final long granularityMs;
  private final TreeMap<Long, Long> checkpoints = new TreeMap<>();
  private long lastSeq = -1;
  private long lastMs = Long.MIN_VALUE;
  private long lastCheckpointMs = Long.MIN_VALUE;

  public AckTimes(long granularityMs) {
    this.granularityMs = granularityMs;
  }

  public void record(long seq, long epochMs) {
    boolean newRun = lastSeq < 0 || seq != lastSeq + 1 || epochMs - lastMs > granularityMs;
    if (newRun && lastSeq >= 0) {
      checkpoints.put(lastSeq, lastMs); // the end of the previous run
    }
    if (newRun || epochMs - lastCheckpointMs >= granularityMs) {
      checkpoints.put(seq, epochMs);
      lastCheckpointMs = epochMs;
    }
    lastSeq = seq;
    lastMs = epochMs;
  }

  /** The earliest time the write {@code seq} can have been acknowledged at (-1 when nothing was recorded). */
  public long notBefore(long seq) {
    Map.Entry<Long, Long> at = checkpoints.floorEntry(seq);
    return at == null ? -1 : at.getValue();
  }

  /** The latest time the write {@code seq} can have been acknowledged at (-1 when nothing was recorded). */
  public long notAfter(long seq) {
    if (lastSeq >= 0 && seq >= lastSeq) {
      return lastMs;
    }
    Map.Entry<Long, Long> at = checkpoints.ceilingEntry(seq);
    return at == null ? lastMs == Long.MIN_VALUE ? -1 : lastMs : at.getValue();
  }

  public int size() {
    return checkpoints.size();
  }
}
