package dev.rfg.e2e.workload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one writer has seen: every acknowledged sequence number (as ranges), when they were acknowledged (to
 * {@value #ACK_TIME_GRANULARITY_MS} ms), attempts, errors by kind, writes the WAIT did not see replicated, and
 * the longest time without an acknowledged write. Times are wall-clock milliseconds, passed in by the caller.
 * Thread-safe: the writer thread records, the HTTP threads read.
 */
public final class WriterStats {

  static final long ACK_TIME_GRANULARITY_MS = 10;
  private static final int MAX_ERROR_KINDS = 32;

  private final String name;
  private final String mode;
  private final int waitMs;
  private final AckedRanges acked = new AckedRanges();
  private final AckTimes ackTimes = new AckTimes(ACK_TIME_GRANULARITY_MS);
  private final Map<String, Long> errorKinds = new LinkedHashMap<>();
  private long attempts;
  private long errors;
  private long notReplicated;
  private long firstAckMs = -1;
  private long lastAckMs = -1;
  private long longestGapMs;
  private long longestGapFromMs = -1;
  private String lastError;
  private long lastErrorMs = -1;
  private String target;
  private long connects;

  public WriterStats(String name, String mode, int waitMs) {
    this.name = name;
    this.mode = mode;
    this.waitMs = waitMs;
  }

  public String name() {
    return name;
  }

  public String mode() {
    return mode;
  }

  public int waitMs() {
    return waitMs;
  }

  public synchronized void attempt() {
    attempts++;
  }

  public synchronized void acked(long seq, long nowMs) {
    if (!acked.add(seq)) {
      return;
    }
    ackTimes.record(seq, nowMs);
    if (firstAckMs < 0) {
      firstAckMs = nowMs;
    } else if (nowMs - lastAckMs > longestGapMs) {
      longestGapMs = nowMs - lastAckMs;
      longestGapFromMs = lastAckMs;
    }
    lastAckMs = nowMs;
  }

  /** SET answered OK but WAIT counted no replica: not acknowledged. */
  public synchronized void notReplicated() {
    notReplicated++;
  }

  public synchronized void error(String kind, String message, long nowMs) {
    errors++;
    if (errorKinds.containsKey(kind) || errorKinds.size() < MAX_ERROR_KINDS) {
      errorKinds.merge(kind, 1L, Long::sum);
    } else {
      errorKinds.merge("other", 1L, Long::sum);
    }
    lastError = message;
    lastErrorMs = nowMs;
  }

  public synchronized void connected(String target) {
    this.target = target;
    connects++;
  }

  public synchronized long ackedCount() {
    return acked.count();
  }

  /** The longest time without an acknowledged write, counting the one still going on when running. */
  public synchronized long longestGapMs(long nowMs, boolean running) {
    if (running && lastAckMs >= 0 && nowMs - lastAckMs > longestGapMs) {
      return nowMs - lastAckMs;
    }
    return longestGapMs;
  }

  /** A copy of the acknowledged numbers, for the read-back. */
  public synchronized AckedRanges ackedCopy() {
    return acked.copy();
  }

  public synchronized long ackNotBefore(long seq) {
    return ackTimes.notBefore(seq);
  }

  public synchronized long ackNotAfter(long seq) {
    return ackTimes.notAfter(seq);
  }

  /** The report entry of this writer. */
  public synchronized Map<String, Object> report(long nowMs, boolean running) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("mode", mode);
    out.put("waitMs", waitMs);
    out.put("attempts", attempts);
    out.put("acked", acked.count());
    out.put("errors", errors);
    out.put("notReplicated", notReplicated);
    long gap = longestGapMs(nowMs, running);
    out.put("longestGapMs", gap);
    out.put("longestGapFromMs", gap == longestGapMs ? longestGapFromMs : lastAckMs);
    out.put("firstAckMs", firstAckMs);
    out.put("lastAckMs", lastAckMs);
    out.put("ranges", acked.rangeCount());
    out.put("connects", connects);
    out.put("target", target);
    out.put("errorKinds", new LinkedHashMap<>(errorKinds));
    out.put("lastError", lastError);
    out.put("lastErrorMs", lastErrorMs);
    return out;
  }
}
