package dev.rfg.e2e.workload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The e2e workload (issue #7): writers that write continuously into a RedisFailoverGroup from inside the cluster
 * and record every acknowledged write, and an HTTP endpoint to read their figures and to check, at the end,
 * which acknowledged writes the master still has.
 *
 * <pre>
 * java -jar rfg-workload.jar --master-host NAME-master --master-name NAME --sentinels NAME-sentinel:26379 \
 *     --password-file /etc/rfg-workload/password --writer service:wait=1000 --writer sentinel [--rate 200]
 * </pre>
 *
 * <p>{@code --writer MODE[:wait=MS]}: MODE {@code service} writes through {@code --master-host}, {@code sentinel}
 * through a JedisSentinelPool on {@code --sentinels} for master {@code --master-name}; {@code wait=MS} adds
 * {@code WAIT 1 MS} after each SET. Writer names are MODE or MODE-wait; keys {@code <prefix>:<name>:<seq>}.
 * {@code --rate} is writes per second per writer (0: as fast as it goes). The password is read from the file,
 * never from the command line or the environment, and never printed.
 *
 * <p>HTTP on {@code --port} (8080): {@code /report} (JSON figures), {@code /stop} (stop writing, then the
 * report), {@code /verify} (stop, read every acknowledged key back through {@code --master-host}, JSON; the
 * result is kept, so asking again answers the same), {@code /healthz}.
 */
public final class WorkloadMain {

  private final List<Writer> writers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Writer.Target target;
  private volatile boolean running = true;
  private String verified;

  WorkloadMain(Writer.Target target) {
    this.target = target;
  }

  /** Parsed command line. */
  record Options(String masterHost, int masterPort, String masterName, Set<HostAndPort> sentinels,
      Path passwordFile, List<String> writers, int rate, String prefix, int port) {

    static Options parse(String[] args) {
      String masterHost = null;
      int masterPort = 6379;
      String masterName = null;
      Set<HostAndPort> sentinels = new LinkedHashSet<>();
      Path passwordFile = null;
      List<String> writers = new ArrayList<>();
      int rate = 200;
      String prefix = "wl";
      int port = 8080;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + arg);
        }
        String value = args[++i];
        switch (arg) {
          case "--master-host" -> masterHost = value;
          case "--master-port" -> masterPort = Integer.parseInt(value);
          case "--master-name" -> masterName = value;
          case "--sentinels" -> {
            for (String hostPort : value.split(",")) {
              sentinels.add(HostAndPort.from(hostPort.strip()));
            }
          }
          case "--password-file" -> passwordFile = Path.of(value);
          case "--writer" -> writers.add(value);
          case "--rate" -> rate = Integer.parseInt(value);
          case "--prefix" -> prefix = value;
          case "--port" -> port = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      if (masterHost == null) {
        throw new IllegalArgumentException("--master-host is required");
      }
      if (writers.isEmpty()) {
        throw new IllegalArgumentException("at least one --writer is required");
      }
      for (String writer : writers) {
        WriterSpec spec = WriterSpec.parse(writer);
        if (spec.mode().equals(Writer.SENTINEL) && (masterName == null || sentinels.isEmpty())) {
          throw new IllegalArgumentException("a sentinel writer needs --master-name and --sentinels");
        }
      }
      return new Options(masterHost, masterPort, masterName, sentinels, passwordFile, writers, rate, prefix, port);
    }
  }

  /** {@code MODE[:wait=MS]}. */
  record WriterSpec(String mode, int waitMs) {
    static WriterSpec parse(String spec) {
      String[] parts = spec.split(":", 2);
      String mode = parts[0];
      if (!mode.equals(Writer.SERVICE) && !mode.equals(Writer.SENTINEL)) {
        throw new IllegalArgumentException("writer mode must be service or sentinel: " + spec);
      }
      int waitMs = 0;
      if (parts.length == 2) {
        if (!parts[1].startsWith("wait=")) {
          throw new IllegalArgumentException("writer option must be wait=MS: " + spec);
        }
        waitMs = Integer.parseInt(parts[1].substring("wait=".length()));
      }
      return new WriterSpec(mode, waitMs);
    }

    String name() {
      return waitMs > 0 ? mode + "-wait" : mode;
    }
  }

  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("rfg-workload: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path file = options.passwordFile();
    java.util.function.Supplier<String> password = file == null ? null : () -> {
      try {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    WorkloadMain main = new WorkloadMain(new Writer.Target(options.masterHost(), options.masterPort(),
        options.masterName(), options.sentinels(), password));
    Set<String> names = new LinkedHashSet<>();
    for (String spec : options.writers()) {
      WriterSpec writer = WriterSpec.parse(spec);
      String name = writer.name();
      for (int n = 2; !names.add(name); n++) {
        name = writer.name() + "-" + n;
      }
      main.add(new Writer(new WriterStats(name, writer.mode(), writer.waitMs()), options.prefix() + ":" + name,
          main.target, options.rate()));
    }
    main.serve(options.port());
    log("writers " + names + " at " + options.rate() + "/s each; master host " + options.masterHost()
        + (options.sentinels().isEmpty() ? "" : ", sentinels " + options.sentinels() + " for "
        + options.masterName()) + "; HTTP on " + options.port());
    main.start();
  }

  void add(Writer writer) {
    writers.add(writer);
  }

  void start() {
    for (Writer writer : writers) {
      Thread thread = new Thread(writer, "writer-" + writer.stats().name());
      threads.add(thread);
      thread.start();
    }
  }

  void serve(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/healthz", exchange -> respond(exchange, () -> "ok\n"));
    server.createContext("/report", exchange -> respond(exchange, () -> Json.write(report())));
    server.createContext("/stop", exchange -> respond(exchange, () -> {
      stop();
      return Json.write(report());
    }));
    server.createContext("/verify", exchange -> respond(exchange, this::verify));
    server.start();
  }

  private static void respond(HttpExchange exchange, Supplier<String> body) throws IOException {
    int status = 200;
    String text;
    try {
      text = body.get();
    } catch (RuntimeException e) {
      status = 500;
      text = Json.write(Map.of("error", Writer.describe(e)));
      log("HTTP " + exchange.getRequestURI() + " failed: " + Writer.describe(e));
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", text.startsWith("{") ? "application/json" : "text/plain");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The figures of every writer and their totals. */
  Map<String, Object> report() {
    long now = System.currentTimeMillis();
    List<Map<String, Object>> entries = new ArrayList<>();
    long acked = 0;
    long errors = 0;
    long notReplicated = 0;
    long longestGap = 0;
    for (Writer writer : writers) {
      Map<String, Object> entry = writer.stats().report(now, running);
      entries.add(entry);
      acked += (Long) entry.get("acked");
      errors += (Long) entry.get("errors");
      notReplicated += (Long) entry.get("notReplicated");
      longestGap = Math.max(longestGap, (Long) entry.get("longestGapMs"));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("running", running);
    out.put("nowMs", now);
    out.put("acked", acked);
    out.put("errors", errors);
    out.put("notReplicated", notReplicated);
    out.put("longestGapMs", longestGap);
    out.put("writers", entries);
    return out;
  }

  synchronized void stop() {
    if (!running) {
      return;
    }
    writers.forEach(Writer::stop);
    for (Thread thread : threads) {
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        log(thread.getName() + " still busy after 30 s; its figures may still change");
      }
    }
    running = false;
    log("stopped: " + Json.write(report()));
  }

  /** Stops, then reads every acknowledged key back from the master behind the master host. */
  synchronized String verify() {
    if (verified != null) {
      return verified;
    }
    stop();
    try (Jedis jedis = masterConnection()) {
      List<Map<String, Object>> entries = new ArrayList<>();
      long acked = 0;
      long present = 0;
      long lost = 0;
      for (Writer writer : writers) {
        Map<String, Object> entry = Verifier.verify(writer.stats(), writer.prefix(),
            keys -> jedis.mget(keys.toArray(String[]::new)));
        entries.add(entry);
        acked += (Long) entry.get("acked");
        present += (Long) entry.get("present");
        lost += (Long) entry.get("lost");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("verifiedOn", Writer.announcedName(jedis));
      out.put("acked", acked);
      out.put("present", present);
      out.put("lost", lost);
      out.put("writers", entries);
      verified = Json.write(out);
      log("verified: " + verified);
      return verified;
    }
  }

  /** A connection through the master host that answers ROLE with master (tried for up to 30 s). */
  private Jedis masterConnection() {
    long deadline = System.currentTimeMillis() + 30_000;
    RuntimeException last = null;
    while (System.currentTimeMillis() < deadline) {
      Jedis jedis = new Jedis(new HostAndPort(target.masterHost(), target.masterPort()),
          Writer.clientConfig(target.password(), 10_000, "rfg-workload-verify"));
      try {
        List<Object> role = jedis.role();
        Object first = role.isEmpty() ? null : role.get(0);
        String name = first instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(first);
        if ("master".equals(name)) {
          return jedis;
        }
        last = new IllegalStateException(target.masterHost() + " answered ROLE " + name);
      } catch (RuntimeException e) {
        last = e;
      }
      jedis.close();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("no master behind " + target.masterHost() + " for 30 s", last);
  }

  static void log(String what) {
    System.out.println(Instant.now() + " " + what);
  }
}
