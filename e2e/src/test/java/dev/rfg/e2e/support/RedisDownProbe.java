package dev.rfg.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * When did a Redis stop answering? A fresh connection and a {@code PING} to a pod's IP every 50 ms from the machine
 * that runs the tests (on the local cluster's node pod IPs are routable; elsewhere the probe never sees an answer
 * and says so). Any reply counts as an answer ({@code -NOAUTH} too); a refused or timed-out connect, or no reply
 * within 300 ms, is the first silence. This is the moment the sentinels' down-after starts to run out, so a
 * failover's time can be taken from there, without the kubelet's share of a delete.
 */
public final class RedisDownProbe implements AutoCloseable {
  private static final int PERIOD_MS = 50;
  private static final int TIMEOUT_MS = 300;

  private final String ip;
  private final Thread thread;
  private volatile boolean answeredOnce;
  private volatile long silentSinceNanos;
  private volatile boolean stop;

  private RedisDownProbe(String ip) {
    this.ip = ip;
    this.thread = Thread.ofPlatform().daemon().name("redis-down-probe " + ip).start(this::run);
  }

  public static RedisDownProbe start(String podIp) {
    return new RedisDownProbe(podIp);
  }

  private void run() {
    while (!stop && silentSinceNanos == 0) {
      long attempt = System.nanoTime();
      if (answers()) {
        answeredOnce = true;
      } else if (answeredOnce) {
        silentSinceNanos = attempt;
        return;
      }
      long rest = PERIOD_MS - (System.nanoTime() - attempt) / 1_000_000;
      if (rest > 0) {
        try {
          Thread.sleep(rest); // the probe's period, not a wait for a condition
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(ip, 6379), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      int first = in.read();
      return first == '+' || first == '-';
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the Redis answered at least once (else the pod IP is not reachable from here). */
  public boolean reachable() {
    return answeredOnce;
  }

  /** {@link System#nanoTime()} of the first attempt that got no answer after answers, or 0 while it answers. */
  public long silentSinceNanos() {
    return silentSinceNanos;
  }

  @Override
  public void close() {
    stop = true;
    thread.interrupt();
  }
}
