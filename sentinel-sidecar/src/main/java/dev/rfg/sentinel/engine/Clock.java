package dev.rfg.sentinel.engine;

/**
 * Time as the engine sees it. {@link #now()} measures every interval (PING, INFO, down-after, failover timeouts):
 * it never steps, so a wall-clock step backwards cannot stop PINGs or hold SDOWN, as it could when intervals were
 * measured on the wall clock. {@link #wallMillis()} is for what is about the wall clock itself: TILT, which exists
 * to notice clock jumps and a frozen process. Tests pass a clock of their own.
 */
public interface Clock {
    /** Milliseconds that only move forward; their origin is the wall clock at start, so 0 stays "never". */
    long now();

    /** The system's wall clock in milliseconds. */
    long wallMillis();

    Clock SYSTEM = new Clock() {
        private final long originWall = System.currentTimeMillis();
        private final long originNanos = System.nanoTime();

        @Override
        public long now() {
            return originWall + (System.nanoTime() - originNanos) / 1_000_000;
        }

        @Override
        public long wallMillis() {
            return System.currentTimeMillis();
        }
    };
}
