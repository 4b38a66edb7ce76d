package dev.rfg.sentinel.bench;

import dev.rfg.sentinel.harness.Procs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up and memory of one sentinel monitoring one (absent) master: time from exec to the first PONG, and RSS
 * 3 s after that (the sentinel idle), for rfg-sentinel through bin/rfg-sentinel (default flags, then with the
 * opt-in class-data-sharing archive, RFG_SENTINEL_CDS) and stock redis-sentinel. Prints each run, then median
 * and p90. Usage: StartupBenchmark [runs=10]
 */
public final class StartupBenchmark {
    record Run(double firstPongSeconds, double rssMib) {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("rfg-startup-bench");
        Path launcher = Path.of("bin/rfg-sentinel").toAbsolutePath();
        Path cds = dir.resolve("rfg.jsa");
        Map<String, List<String>> kinds = new java.util.LinkedHashMap<>();
        kinds.put("rfg", List.of(launcher.toString()));
        kinds.put("rfg+cds", List.of(launcher.toString()));
        kinds.put("stock", List.of("redis-sentinel"));
        for (var e : kinds.entrySet()) {
            List<Run> list = new ArrayList<>();
            if (e.getKey().equals("rfg+cds")) {
                once(e.getValue(), dir, cds); // the first run writes the archive at its exit
            }
            for (int i = 0; i < runs; i++) {
                Run r = once(e.getValue(), dir, e.getKey().equals("rfg+cds") ? cds : null);
                System.out.printf(Locale.ROOT, "%-7s run %2d: first PONG %.3f s, RSS %.1f MiB%n", e.getKey(), i + 1,
                        r.firstPongSeconds, r.rssMib);
                list.add(r);
            }
            System.out.printf(Locale.ROOT, "%-7s first PONG median %.3f s, p90 %.3f s; RSS median %.1f MiB, p90 %.1f MiB%n",
                    e.getKey(), pct(list.stream().mapToDouble(Run::firstPongSeconds).toArray(), 50),
                    pct(list.stream().mapToDouble(Run::firstPongSeconds).toArray(), 90),
                    pct(list.stream().mapToDouble(Run::rssMib).toArray(), 50),
                    pct(list.stream().mapToDouble(Run::rssMib).toArray(), 90));
        }
    }

    private static Run once(List<String> cmd, Path dir, Path cds) throws Exception {
        int port = Procs.freePort();
        Path conf = dir.resolve("sentinel-" + port + ".conf");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\nsentinel monitor m 127.0.0.1 " + Procs.freePort()
                + " 1\n");
        List<String> full = new ArrayList<>(cmd);
        full.add(conf.toString());
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sentinel-" + port + ".log").toFile());
        if (cds != null) {
            pb.environment().put("RFG_SENTINEL_CDS", cds.toString());
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            long deadline = t0 + 30_000_000_000L;
            while (!pong(port)) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IllegalStateException("no PONG from " + full);
                }
                Thread.sleep(2);
            }
            double first = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(3000); // the figure is the idle RSS after start, not a synchronisation
            double rss = rssMib(p.pid());
            return new Run(first, rss);
        } finally {
            // SHUTDOWN: a clean exit, so the JVM writes its archive when one is asked for
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("SHUTDOWN\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException ignored) {
                // already gone
            }
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static boolean pong(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 50);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] b = new byte[7];
            int n = in.read(b);
            return n >= 5 && new String(b, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static double rssMib(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static double pct(double[] v, int p) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }
}
