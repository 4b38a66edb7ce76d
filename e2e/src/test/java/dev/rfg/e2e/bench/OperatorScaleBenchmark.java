package dev.rfg.e2e.bench;

import dev.rfg.api.v1alpha1.AuthSpec;
import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.api.v1alpha1.RedisFailoverGroupSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDRBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark (a program, not a test): the operator with many groups on one API server. It starts a real etcd and
 * kube-apiserver ({@code dev.rfg.testing.RealApiServer} from the crds test-jar; no kubelet and no controllers, so
 * StatefulSets get no pods), installs the CRD, and runs the operator as its own JVM from
 * {@code operator/target/rfg-operator.jar} with the image's JVM options (read from the Dockerfile's operator
 * ENTRYPOINT) under the chart's memory limit (read from helm values, given to the JVM as {@code -XX:MaxRAM}, which
 * is what the JVM sizes its heap from in the container), watching all namespaces, leader election off.
 *
 * <p>It creates the groups (default 500: 50 namespaces x 10, 3 replicas, one in five with {@code spec.auth} naming a
 * Secret the benchmark made, the others with the Secret the operator generates): all but 50 at once, waiting until
 * every one has {@code status.observedGeneration == metadata.generation}; then a steady period of resyncs; then the
 * other 50 at 5/s; then it bumps {@code spec.sentinel.downAfterMilliseconds} on every group, first all at once, then
 * paced. Change-to-status latency is the time from the create or patch call until the watch of all groups
 * delivers the group with its status at that generation; the verdict judges it over the paced creates and updates,
 * and the reconciler's own time from the end of the creates at once. The two bursts are reported, not judged: each
 * change in them waits for the API writes of those queued before it (about ten objects for a create), so their
 * latency measures throughput on this machine. The operator's RSS ({@code VmRSS}, {@code VmHWM} from /proc) is
 * sampled every second; its heap
 * through {@code jcmd GC.heap_info}, its GC pauses through {@code jcmd PerfCounter.print}; the reconciler's own time
 * from the operator's {@code rfg_reconcile_duration_seconds} histogram on /metrics; what it asks of the API server
 * from kube-apiserver's {@code apiserver_request_total}. The machine's load average is printed with each figure: the
 * API server, etcd, the operator and this program share its CPUs.
 *
 * <p>Run: {@code e2e/bin/bench-operator-scale [--groups 500] [--namespaces 50] [--paced-creates 50]
 * [--create-rate 5] [--steady 120] [--update-rate 10]}
 * ({@code --jvm-options '...'} instead of the image's, {@code --jvm-option -XX:NativeMemoryTracking=summary} added,
 * {@code --env MALLOC_ARENA_MAX=2} for the operator's environment);
 * the API server binaries must be under ~/.kubeapitest ({@code e2e/cluster/cluster.sh tools}). The e2e module compiles
 * this class too, but the launcher compiles and runs it on the operator module's test classpath, which carries the
 * crds test-jar and kube-api-test; it reaches {@code RealApiServer} by reflection, so the e2e module needs neither.
 * Files (kubeconfig, operator.log, result.md, class-histogram.txt, nmt-*.txt with NMT) go to
 * {@code target/bench-operator-scale/run}.
 */
public final class OperatorScaleBenchmark {

  static final long TARGET_RSS_MIB = 300;
  static final long TARGET_P99_MILLIS = 1000;
  private static final String CREATE_BURST = "create (at once)";
  private static final String UPDATE_BURST = "update (at once)";
  private static final String CREATED_AT_ONCE = "groups created at once reconciled";
  private static final String METRIC = "rfg_reconcile_duration_seconds";

  private record Options(int groups, int namespaces, int replicas, int authEvery, int steadySeconds,
      int pacedCreates, double createRate, double updateRate, int clientThreads, int convergeMinutes, Path java,
      Path jar, Path crd, Path dockerfile, Path helmValues, Path workDir, List<String> extraJvmOptions,
      List<String> jvmOptionsOverride, Map<String, String> extraEnv) {
  }

  /** A spec change waiting for its status: since when, and from which generation on it counts. */
  private record Pending(String phase, long sinceNanos, long minGeneration) {
  }

  private record Memory(long rssKib, long hwmKib, int threads) {
  }

  private record Heap(long usedKib, long committedKib) {
  }

  private final Options options;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Long> generations = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> latencies = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Memory> memory = new LinkedHashMap<>();
  private final Map<String, Heap> heaps = new LinkedHashMap<>();
  private final Map<String, TreeMap<Double, Long>> buckets = new LinkedHashMap<>();
  private final Map<String, Long> cpuMillis = new LinkedHashMap<>();
  private final Map<String, Long> snapshotNanos = new LinkedHashMap<>();
  private final Map<String, String> loadAverages = new LinkedHashMap<>();
  private final Map<String, Map<String, Double>> apiRequests = new LinkedHashMap<>();
  private final Map<String, long[]> gcCounters = new LinkedHashMap<>();
  private int updates;
  private final Map<String, Long> phaseSeconds = new LinkedHashMap<>();
  private final AtomicLong maxRssKib = new AtomicLong();
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean cleanedUp = new AtomicBoolean();
  private AutoCloseable apiServer;
  private KubernetesClient client;
  private Watch watch;
  private Process operator;
  private int metricsPort;
  private List<String> jvmOptions;
  /** The operator image's ENV that changes how the JVM runs (MALLOC_ARENA_MAX), as the image sets it. */
  private Map<String, String> imageEnv = Map.of();
  private Path operatorLog;

  private OperatorScaleBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    OperatorScaleBenchmark bench = new OperatorScaleBenchmark(parse(args));
    Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanUp, "cleanup"));
    boolean met;
    try {
      met = bench.run();
    } finally {
      bench.cleanUp();
    }
    System.exit(met ? 0 : 1);
  }

  private static Options parse(String[] args) {
    int groups = 500;
    int namespaces = 50;
    int replicas = 3;
    int authEvery = 5;
    int steady = 120;
    int pacedCreates = 50;
    double createRate = 5;
    double updateRate = 10;
    int threads = 4;
    int converge = 10;
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path jar = Path.of("operator/target/rfg-operator.jar");
    List<String> extra = new ArrayList<>();
    List<String> override = null;
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--groups" -> groups = Integer.parseInt(args[++i]);
        case "--namespaces" -> namespaces = Integer.parseInt(args[++i]);
        case "--replicas" -> replicas = Integer.parseInt(args[++i]);
        case "--auth-every" -> authEvery = Integer.parseInt(args[++i]);
        case "--steady" -> steady = Integer.parseInt(args[++i]);
        case "--paced-creates" -> pacedCreates = Integer.parseInt(args[++i]);
        case "--create-rate" -> createRate = Double.parseDouble(args[++i]);
        case "--update-rate" -> updateRate = Double.parseDouble(args[++i]);
        case "--client-threads" -> threads = Integer.parseInt(args[++i]);
        case "--converge-minutes" -> converge = Integer.parseInt(args[++i]);
        case "--java" -> java = Path.of(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        case "--jvm-option" -> extra.add(args[++i]);
        case "--env" -> {
          String[] kv = args[++i].split("=", 2);
          env.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        case "--jvm-options" -> override = Arrays.stream(args[++i].trim().split("\\s+")).filter(s -> !s.isEmpty())
            .toList();
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --groups 500 "
            + "--namespaces 50 --replicas 3 --auth-every 5 --steady 120 --paced-creates 50 --create-rate 5 "
            + "--update-rate 10 --client-threads 4 "
            + "--converge-minutes 10 --java PATH --jar PATH --jvm-option OPT (added) --jvm-options 'OPTS' (instead "
            + "of the image's) --env NAME=VALUE (for the operator))");
      }
    }
    if (groups % namespaces != 0) {
      throw new IllegalArgumentException("--groups must be a multiple of --namespaces");
    }
    if (pacedCreates < 0 || pacedCreates >= groups || createRate <= 0) {
      throw new IllegalArgumentException("--paced-creates must be in [0, --groups) and --create-rate above 0");
    }
    return new Options(groups, namespaces, replicas, authEvery, steady, pacedCreates, createRate, updateRate,
        threads, converge, java, jar, Path.of("crds/redisfailovergroups.rfg.dev-v1.yml"),
        Path.of("Dockerfile"), Path.of("helm/rfg-operator/values.yaml"),
        Path.of("target/bench-operator-scale/run"), extra, override, env);
  }

  private boolean run() throws Exception {
    Files.createDirectories(options.workDir());
    jvmOptions = new ArrayList<>(options.jvmOptionsOverride() != null ? options.jvmOptionsOverride()
        : imageJvmOptions(options.dockerfile(), options.helmValues()));
    jvmOptions.addAll(options.extraJvmOptions());
    imageEnv = imageEnvironment(options.dockerfile());
    long started = System.nanoTime();

    log("starting etcd and kube-apiserver");
    startApiServer();
    for (int n = 0; n < options.namespaces(); n++) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace(n)).endMetadata().build())
          .create();
    }
    watchGroups();

    log("starting the operator: " + options.java() + " " + String.join(" ", jvmOptions) + " -jar "
        + options.jar());
    startOperator();
    awaitReady();
    Thread sampler = Thread.ofPlatform().daemon().name("rss").start(this::sampleRss);
    Thread.sleep(5_000);
    snapshot("idle, no groups");

    // Most groups at once (a throughput figure: every create queues behind the others); after the steady period
    // the rest paced, as groups arrive in a running installation (a latency figure).
    int atOnce = options.groups() - options.pacedCreates();
    long t = System.nanoTime();
    createGroups(CREATE_BURST, 0, atOnce, 0);
    boolean created = awaitConverged(CREATE_BURST, Duration.ofMinutes(options.convergeMinutes()));
    phaseSeconds.put(CREATE_BURST, seconds(t));
    snapshot(CREATED_AT_ONCE);
    heaps.put(CREATED_AT_ONCE, heap(false));

    log("steady period: " + options.steadySeconds() + " s of resyncs");
    Thread.sleep(options.steadySeconds() * 1000L);
    snapshot(steadyLabel());
    heaps.put(steadyLabel(), heap(false));

    if (options.pacedCreates() > 0) {
      t = System.nanoTime();
      createGroups(pacedCreatePhase(), atOnce, options.groups(), options.createRate());
      created &= awaitConverged(pacedCreatePhase(), Duration.ofMinutes(options.convergeMinutes()));
      phaseSeconds.put(pacedCreatePhase(), seconds(t));
      snapshot("after " + pacedCreatePhase());
    }

    t = System.nanoTime();
    updateAll(UPDATE_BURST, 0);
    boolean burst = awaitConverged(UPDATE_BURST, Duration.ofMinutes(options.convergeMinutes()));
    phaseSeconds.put(UPDATE_BURST, seconds(t));
    snapshot("after " + UPDATE_BURST);

    boolean paced = true;
    if (options.updateRate() > 0) {
      Thread.sleep(10_000);
      t = System.nanoTime();
      String phase = String.format(Locale.ROOT, "update (paced %s/s)", trim(options.updateRate()));
      updateAll(phase, options.updateRate());
      paced = awaitConverged(phase, Duration.ofMinutes(options.convergeMinutes()));
      phaseSeconds.put(phase, seconds(t));
      snapshot("after " + phase);
    }
    heaps.put("live set (after a full GC, at the end)", heap(true));
    sampler.interrupt();

    return report(seconds(started), created && burst && paced);
  }

  // ---- the API server, the operator, the groups ----

  private void startApiServer() throws Exception {
    System.setProperty("rfg.apiserver.required", "true");
    Class<?> type = Class.forName("dev.rfg.testing.RealApiServer");
    try {
      apiServer = (AutoCloseable) type.getMethod("start").invoke(null);
      type.getMethod("installCrd", String.class).invoke(apiServer, Files.readString(options.crd()));
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the API server did not start: " + e.getCause().getMessage(), e.getCause());
    }
    client = (KubernetesClient) type.getMethod("client").invoke(apiServer);
    // kube-api-test starts kube-apiserver with --service-cluster-ip-range 10.0.0.0/24: 254 ClusterIPs, the
    // Services of 84 groups. A second ServiceCIDR (GA in 1.33, no controller needed) makes room for the rest.
    client.resource(new ServiceCIDRBuilder().withNewMetadata().withName("rfg-bench").endMetadata()
        .withNewSpec().withCidrs("10.96.0.0/16").endSpec().build()).create();
    Path kubeconfig = options.workDir().resolve("kubeconfig");
    Files.writeString(kubeconfig, (String) type.getMethod("kubeconfig").invoke(apiServer));
  }

  private void startOperator() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      metricsPort = socket.getLocalPort();
    }
    operatorLog = options.workDir().resolve("operator.log");
    List<String> command = new ArrayList<>();
    command.add(options.java().toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(options.jar().toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(operatorLog.toFile());
    Map<String, String> env = builder.environment();
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("JDK_JAVA_OPTIONS");
    env.remove("_JAVA_OPTIONS");
    env.put("KUBECONFIG", options.workDir().resolve("kubeconfig").toAbsolutePath().toString());
    env.put("RFG_LEADER_ELECTION", "false");
    env.put("RFG_WATCH_NAMESPACES", "");
    env.put("RFG_HTTP_PORT", Integer.toString(metricsPort));
    env.put("RFG_LOG_LEVEL", "info");
    env.put("RFG_LOG_FORMAT", "json");
    env.put("POD_NAMESPACE", "rfg-system");
    env.putAll(imageEnv);
    env.putAll(options.extraEnv());
    operator = builder.start();
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!operator.isAlive()) {
        throw new IllegalStateException("the operator exited with " + operator.exitValue() + "; see " + operatorLog);
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/readyz")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          log("operator ready (pid " + operator.pid() + ", metrics on :" + metricsPort + ")");
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the operator was not ready within 90 s; see " + operatorLog);
  }

  private static String namespace(int n) {
    return String.format(Locale.ROOT, "scale-%02d", n);
  }

  private List<String[]> groupKeys() {
    List<String[]> keys = new ArrayList<>();
    int perNamespace = options.groups() / options.namespaces();
    for (int g = 0; g < perNamespace; g++) {
      for (int n = 0; n < options.namespaces(); n++) {
        keys.add(new String[] {namespace(n), String.format(Locale.ROOT, "g%03d", g)});
      }
    }
    return keys;
  }

  private boolean ownSecret(int index) {
    return options.authEvery() > 0 && index % options.authEvery() == 0;
  }

  /** How many changes a phase made: the creates split the groups, each update phase patches all. */
  private int phaseChanges(String phase) {
    if (phase.equals(CREATE_BURST)) {
      return options.groups() - options.pacedCreates();
    }
    return phase.equals(pacedCreatePhase()) ? options.pacedCreates() : options.groups();
  }

  private static boolean isBurst(String phase) {
    return phase.equals(CREATE_BURST) || phase.equals(UPDATE_BURST);
  }

  private String steadyLabel() {
    return "after " + options.steadySeconds() + " s steady";
  }

  private String pacedCreatePhase() {
    return String.format(Locale.ROOT, "create (paced %s/s)", trim(options.createRate()));
  }

  /**
   * Creates the groups {@code from} (inclusive) to {@code to} (exclusive) of groupKeys(), all at once (rate 0) or
   * at a rate per second.
   */
  private void createGroups(String phase, int from, int to, double rate) throws Exception {
    List<String[]> keys = groupKeys();
    for (int i = from; i < to; i++) {
      if (ownSecret(i)) {
        client.resource(new SecretBuilder().withNewMetadata().withName(keys.get(i)[1] + "-password")
            .withNamespace(keys.get(i)[0]).endMetadata().addToStringData("password", "bench-" + i).build())
            .create();
      }
    }
    log(phase + ": creating " + (to - from) + " groups");
    runAll(to - from, rate, j -> {
      int i = from + j;
      String[] key = keys.get(i);
      RedisFailoverGroup group = new RedisFailoverGroup();
      group.setMetadata(new ObjectMetaBuilder().withNamespace(key[0]).withName(key[1]).build());
      RedisFailoverGroupSpec spec = new RedisFailoverGroupSpec();
      spec.setReplicas(options.replicas());
      spec.getRedis().getConfig().put("maxmemory", "64mb");
      if (ownSecret(i)) {
        AuthSpec auth = new AuthSpec();
        auth.setSecretName(key[1] + "-password");
        spec.setAuth(auth);
      }
      group.setSpec(spec);
      pending.put(key[0] + "/" + key[1], new Pending(phase, System.nanoTime(), 1));
      client.resource(group).create();
    });
  }

  /** Patches spec.sentinel.downAfterMilliseconds of every group, all at once (rate 0) or at a rate per second. */
  private void updateAll(String phase, double rate) throws Exception {
    List<String[]> keys = groupKeys();
    log(phase + ": patching " + keys.size() + " groups");
    int downAfter = 5000 + 100 * ++updates;
    runAll(keys.size(), rate, i -> {
      String[] key = keys.get(i);
      String id = key[0] + "/" + key[1];
      pending.put(id, new Pending(phase, System.nanoTime(), generations.getOrDefault(id, 1L) + 1));
      client.resources(RedisFailoverGroup.class).inNamespace(key[0]).withName(key[1])
          .patch(PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"sentinel\":{\"downAfterMilliseconds\":" + downAfter + "}}}");
    });
  }

  private interface Step {
    void run(int index) throws Exception;
  }

  private void runAll(int count, double rate, Step step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(options.clientThreads());
    try {
      List<Future<?>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        if (rate > 0) {
          long due = start + (long) (i * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
        int index = i;
        futures.add(pool.submit(() -> {
          step.run(index);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private void watchGroups() {
    watch = client.resources(RedisFailoverGroup.class).inAnyNamespace().watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, RedisFailoverGroup group) {
        long now = System.nanoTime();
        if (action != Action.ADDED && action != Action.MODIFIED) {
          return;
        }
        String id = group.getMetadata().getNamespace() + "/" + group.getMetadata().getName();
        Long generation = group.getMetadata().getGeneration();
        if (generation == null) {
          return;
        }
        generations.put(id, generation);
        Pending p = pending.get(id);
        Long observed = group.getStatus() == null ? null : group.getStatus().getObservedGeneration();
        if (p != null && generation.equals(observed) && generation >= p.minGeneration() && pending.remove(id, p)) {
          latencies.computeIfAbsent(p.phase(), k -> Collections.synchronizedList(new ArrayList<>()))
              .add((now - p.sinceNanos()) / 1_000_000);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        log("the watch of the groups closed: " + cause.getMessage());
      }
    });
  }

  private boolean awaitConverged(String phase, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastLog = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long left = pending.values().stream().filter(p -> p.phase().equals(phase)).count();
      if (left == 0) {
        log(phase + ": every group's status at its generation");
        return true;
      }
      if (System.nanoTime() - lastLog > 10_000_000_000L) {
        log(phase + ": " + left + " groups still waiting (operator RSS " + mib(readMemory().rssKib()) + " MiB)");
        lastLog = System.nanoTime();
      }
      if (!operator.isAlive()) {
        throw new IllegalStateException("the operator exited with " + operator.exitValue() + "; see " + operatorLog);
      }
      Thread.sleep(100);
    }
    log(phase + ": timed out with groups still waiting");
    return false;
  }

  // ---- measurements ----

  private void sampleRss() {
    while (!Thread.currentThread().isInterrupted() && operator.isAlive()) {
      try {
        maxRssKib.accumulateAndGet(readMemory().rssKib(), Math::max);
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        return;
      }
    }
  }

  private Memory readMemory() {
    try {
      long rss = 0;
      long hwm = 0;
      int threads = 0;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(operator.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kib(line);
        } else if (line.startsWith("VmHWM:")) {
          hwm = kib(line);
        } else if (line.startsWith("Threads:")) {
          threads = Integer.parseInt(line.substring(8).trim());
        }
      }
      return new Memory(rss, hwm, threads);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the operator's /proc status", e);
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /** utime + stime of the operator, ms. */
  private long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(operator.pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    } catch (IOException e) {
      return -1;
    }
  }

  private void snapshot(String label) throws Exception {
    Memory m = readMemory();
    memory.put(label, m);
    buckets.put(label, scrapeBuckets());
    cpuMillis.put(label, cpuMillis());
    snapshotNanos.put(label, System.nanoTime());
    loadAverages.put(label, loadAverage());
    apiRequests.put(label, apiRequests());
    gcCounters.put(label, gcCounters());
    if (jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking="))) {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      Files.writeString(options.workDir().resolve("nmt-" + label.replaceAll("[^a-z0-9]+", "-") + ".txt"),
          jcmd(jcmd, "VM.native_memory summary"));
    }
    log(String.format(Locale.ROOT, "%s: RSS %d MiB, HWM %d MiB, %d threads", label, mib(m.rssKib()),
        mib(m.hwmKib()), m.threads()));
  }

  /**
   * GC.heap_info through jcmd (of the JDK running this program); with {@code gc}, after a full GC (the class
   * histogram's, saved to class-histogram.txt).
   */
  private Heap heap(boolean gc) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      if (gc) {
        // a full GC, and what the live objects are, for the curious
        String histogram = jcmd(jcmd, "GC.class_histogram");
        Files.writeString(options.workDir().resolve("class-histogram.txt"),
            String.join("\n", histogram.lines().limit(60).toList()) + "\n");
      }
      String out = jcmd(jcmd, "GC.heap_info");
      long used = 0;
      long total = 0;
      // Serial: "DefNew total 7360K, used 2664K" and "Tenured total ..."; G1: "garbage-first heap total ...".
      Matcher gen = Pattern.compile("(?m)^\\s*(DefNew|Tenured|def new generation|tenured generation|"
          + "garbage-first heap|PSYoungGen|ParOldGen)\\s+total (?:reserved \\d+K, committed )?(\\d+)K, used (\\d+)K")
          .matcher(out);
      while (gen.find()) {
        total += Long.parseLong(gen.group(2));
        used += Long.parseLong(gen.group(3));
      }
      return new Heap(used, total);
    } catch (Exception e) {
      log("jcmd failed: " + e.getMessage());
      return new Heap(-1, -1);
    }
  }

  private String jcmd(Path jcmd, String command) throws Exception {
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(operator.pid()), command).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(command + ": " + out.strip());
    }
    return out;
  }

  /** Cumulative bucket counts of rfg_reconcile_duration_seconds, by upper bound (+Inf as infinity). */
  private TreeMap<Double, Long> scrapeBuckets() throws Exception {
    String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    TreeMap<Double, Long> result = new TreeMap<>();
    Matcher m = Pattern.compile("(?m)^" + METRIC + "_bucket\\{le=\"([^\"]+)\"} (\\S+)$").matcher(body);
    while (m.find()) {
      double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
      result.put(le, (long) Double.parseDouble(m.group(2)));
    }
    if (result.isEmpty()) {
      throw new IllegalStateException("no " + METRIC + " on the operator's /metrics");
    }
    return result;
  }

  /** Young and full collections of the operator and their pause times (ms), from its perf counters. */
  private long[] gcCounters() {
    try {
      String out = jcmd(Path.of(System.getProperty("java.home"), "bin", "jcmd"), "PerfCounter.print");
      long[] result = new long[4];
      long frequency = 1;
      for (String line : out.lines().toList()) {
        String[] kv = line.split("=", 2);
        if (kv.length < 2 || kv[1].startsWith("\"")) {
          continue;
        }
        switch (kv[0]) {
          case "sun.gc.collector.0.invocations" -> result[0] = Long.parseLong(kv[1]);
          case "sun.gc.collector.0.time" -> result[1] = Long.parseLong(kv[1]);
          case "sun.gc.collector.1.invocations" -> result[2] = Long.parseLong(kv[1]);
          case "sun.gc.collector.1.time" -> result[3] = Long.parseLong(kv[1]);
          case "sun.os.hrt.frequency" -> frequency = Long.parseLong(kv[1]);
          default -> { }
        }
      }
      result[1] = result[1] * 1000 / frequency;
      result[3] = result[3] * 1000 / frequency;
      return result;
    } catch (Exception e) {
      return new long[] {-1, -1, -1, -1};
    }
  }

  /** kube-apiserver's apiserver_request_total, summed by "VERB resource[/subresource]" (everyone's requests). */
  private Map<String, Double> apiRequests() {
    Map<String, Double> result = new TreeMap<>();
    try {
      String body = client.raw("/metrics");
      Matcher m = Pattern.compile("(?m)^apiserver_request_total\\{([^}]*)} (\\S+)$").matcher(body);
      while (m.find()) {
        Map<String, String> labels = new java.util.HashMap<>();
        Matcher l = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(m.group(1));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
        String key = labels.getOrDefault("verb", "?") + " " + labels.getOrDefault("resource", "?")
            + (labels.getOrDefault("subresource", "").isEmpty() ? "" : "/" + labels.get("subresource"));
        result.merge(key, Double.parseDouble(m.group(2)), Double::sum);
      }
    } catch (RuntimeException e) {
      log("cannot read the API server's /metrics: " + e.getMessage());
    }
    return result;
  }

  private static TreeMap<Double, Long> minus(TreeMap<Double, Long> later, TreeMap<Double, Long> earlier) {
    TreeMap<Double, Long> result = new TreeMap<>();
    later.forEach((le, count) -> result.put(le, count - earlier.getOrDefault(le, 0L)));
    return result;
  }

  /** Like PromQL's histogram_quantile: linear within the bucket; seconds. */
  static double histogramQuantile(double q, TreeMap<Double, Long> cumulative) {
    long total = cumulative.lastEntry().getValue();
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    double lowerBound = 0;
    long lowerCount = 0;
    for (Map.Entry<Double, Long> e : cumulative.entrySet()) {
      if (e.getValue() >= rank) {
        if (e.getKey().isInfinite()) {
          return lowerBound;
        }
        long inBucket = e.getValue() - lowerCount;
        return inBucket == 0 ? e.getKey()
            : lowerBound + (e.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = e.getKey();
      lowerCount = e.getValue();
    }
    return lowerBound;
  }

  /** Nearest-rank percentile. */
  static long percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  // ---- the JVM options of the image ----

  /**
   * The options of the operator image's ENTRYPOINT (before -jar), and -XX:MaxRAM set to the chart's memory limit:
   * in the container the JVM sizes its heap (MaxRAMPercentage) from that limit; here it would take the host's RAM.
   */
  static List<String> imageJvmOptions(Path dockerfile, Path helmValues) throws IOException {
    String text = Files.readString(dockerfile).replace("\\\n", " ");
    Matcher stage = Pattern.compile("(?s)FROM \\S+ AS operator\\b.*?ENTRYPOINT \\[(.*?)]").matcher(text);
    if (!stage.find()) {
      throw new IllegalStateException("no ENTRYPOINT in the operator stage of " + dockerfile);
    }
    List<String> options = new ArrayList<>();
    Matcher arg = Pattern.compile("\"([^\"]*)\"").matcher(stage.group(1));
    boolean first = true;
    while (arg.find()) {
      if (first) {
        first = false;
        continue;
      }
      if (arg.group(1).equals("-jar")) {
        break;
      }
      options.add(arg.group(1));
    }
    Matcher limit = Pattern.compile("limits:\\s*\\{\\s*memory:\\s*(\\d+)Mi\\s*}").matcher(Files.readString(helmValues));
    if (!limit.find()) {
      throw new IllegalStateException("no resources.limits.memory (NNNMi) in " + helmValues);
    }
    options.add(0, "-XX:MaxRAM=" + limit.group(1) + "m");
    return options;
  }

  /** The operator stage's ENV entries, but for JAVA_HOME and LANG (paths and locale of the image only). */
  static Map<String, String> imageEnvironment(Path dockerfile) throws IOException {
    String text = Files.readString(dockerfile).replace("\\\n", " ");
    Matcher stage = Pattern.compile("(?s)FROM \\S+ AS operator\\b(.*?)ENTRYPOINT").matcher(text);
    Map<String, String> env = new LinkedHashMap<>();
    if (stage.find()) {
      Matcher line = Pattern.compile("(?m)^ENV (.*)$").matcher(stage.group(1));
      while (line.find()) {
        for (String pair : line.group(1).trim().split("\\s+")) {
          int eq = pair.indexOf('=');
          if (eq > 0 && !pair.startsWith("JAVA_HOME=") && !pair.startsWith("LANG=")) {
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
        }
      }
    }
    return env;
  }

  // ---- report ----

  private boolean report(long totalSeconds, boolean converged) throws IOException {
    Memory settled = memory.get(steadyLabel());
    Memory reconciled = memory.get(CREATED_AT_ONCE);
    Memory end = readMemory();
    long peakRss = Math.max(maxRssKib.get(), end.hwmKib());
    // Judged: the changes that reach a running operator at a pace (creates, then updates). Reported beside them:
    // the bursts, where each change waits for the API writes of those queued before it (throughput figures).
    List<Long> all = new ArrayList<>();
    latencies.forEach((phase, list) -> {
      if (!isBurst(phase)) {
        synchronized (list) {
          all.addAll(list);
        }
      }
    });
    long p99 = percentile(all, 99);
    // The reconciler's own time, judged from the end of the creates at once (whose API writes queue) to the end.
    List<String> labels = new ArrayList<>(buckets.keySet());
    TreeMap<Double, Long> total = buckets.get(labels.getLast());
    TreeMap<Double, Long> afterBurst = minus(total, buckets.get(CREATED_AT_ONCE));
    long reconcileP99 = Math.round(histogramQuantile(0.99, afterBurst) * 1000);
    boolean rssMet = mib(end.hwmKib()) <= TARGET_RSS_MIB;
    boolean reconcileMet = reconcileP99 >= 0 && reconcileP99 <= TARGET_P99_MILLIS;
    boolean latencyMet = converged && p99 >= 0 && p99 <= TARGET_P99_MILLIS;

    String log = Files.readString(operatorLog);
    long errors = log.lines().filter(l -> l.contains("\"level\":\"ERROR\"")).count();
    long warnings = log.lines().filter(l -> l.contains("\"level\":\"WARN\"")).count();
    String javaVersion = javaVersion();

    StringBuilder out = new StringBuilder();
    out.append("\n=== Operator at scale: ").append(LocalDate.now()).append(" (")
        .append(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)).append(") ===\n");
    out.append(String.format(Locale.ROOT, "API server: kube-apiserver %s + etcd (kube-api-test), no kubelet, no "
        + "controllers (StatefulSets get no pods); %d CPUs on this machine, shared by all processes%n",
        System.getProperty("rfg.k8s.version", "1.33.13"), Runtime.getRuntime().availableProcessors()));
    int auth = (int) java.util.stream.IntStream.range(0, options.groups()).filter(this::ownSecret).count();
    out.append(String.format(Locale.ROOT, "groups: %d in %d namespaces (%d each), %d replicas each; %d with "
        + "spec.auth naming a Secret, %d with the Secret the operator generates%n", options.groups(),
        options.namespaces(), options.groups() / options.namespaces(), options.replicas(), auth,
        options.groups() - auth));
    out.append("operator: ").append(options.jar()).append(" on ").append(javaVersion).append(" (")
        .append(options.java()).append(")\n");
    out.append("JVM options: ").append(String.join(" ", jvmOptions)).append('\n');
    out.append("environment: all namespaces, RFG_LEADER_ELECTION=false, RFG_LOG_FORMAT=json, RFG_LOG_LEVEL=info");
    imageEnv.forEach((k, v) -> out.append(", ").append(k).append('=').append(v).append(" (image)"));
    options.extraEnv().forEach((k, v) -> out.append(", ").append(k).append('=').append(v));
    out.append('\n');
    out.append(String.format(Locale.ROOT, "phases: create %d at once, %d s steady, create %d more at %s/s, patch "
        + "all at once, patch all at %s/s; %d client threads; %d s in all%n", phaseChanges(CREATE_BURST),
        options.steadySeconds(), options.pacedCreates(), trim(options.createRate()), trim(options.updateRate()),
        options.clientThreads(), totalSeconds));
    out.append('\n');
    out.append("| operator memory | RSS (MiB) | peak RSS, VmHWM (MiB) | threads | operator CPU since start (s) "
        + "| machine load (1, 5, 15 min) |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
    memory.forEach((label, m) -> out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %s |%n",
        label, mib(m.rssKib()), mib(m.hwmKib()), m.threads(), cpuMillis.getOrDefault(label, -1L) / 1000.0,
        loadAverages.get(label))));
    out.append('\n');
    out.append("| heap (jcmd GC.heap_info) | used (MiB) | committed (MiB) |\n");
    out.append("| --- | ---: | ---: |\n");
    heaps.forEach((label, h) -> out.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", label,
        mib(h.usedKib()), mib(h.committedKib()))));
    out.append('\n');
    out.append("reconcile latency: from the create/patch call to the watch event with status.observedGeneration == "
        + "metadata.generation (ms)\n");
    out.append("| phase | changes | converged | took (s) | median | p90 | p99 | max |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    latencies.forEach((phase, list) -> {
      List<Long> copy;
      synchronized (list) {
        copy = new ArrayList<>(list);
      }
      out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d |%n", phase,
          phaseChanges(phase), copy.size(), phaseSeconds.getOrDefault(phase, -1L), percentile(copy, 50),
          percentile(copy, 90),
          percentile(copy, 99), copy.stream().mapToLong(Long::longValue).max().orElse(-1)));
    });
    out.append(String.format(Locale.ROOT, "| paced (creates and updates) | %d | %d | | %d | %d | %d | %d |%n",
        options.pacedCreates() + (options.updateRate() > 0 ? options.groups() : 0), all.size(),
        percentile(all, 50), percentile(all, 90), p99, all.stream().mapToLong(Long::longValue).max().orElse(-1)));
    out.append('\n');
    out.append("reconciler time per reconcile, operator's " + METRIC + " (histogram_quantile over the interval, ms), "
        + "and the operator's GC pauses (count, total ms)\n");
    out.append("| interval | reconciles | per second | median | p99 | young GCs | full GCs |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (int i = 1; i < labels.size(); i++) {
      TreeMap<Double, Long> delta = minus(buckets.get(labels.get(i)), buckets.get(labels.get(i - 1)));
      long count = delta.lastEntry().getValue();
      String interval = labels.get(i - 1) + " -> " + labels.get(i);
      double secs = (snapshotNanos.get(labels.get(i)) - snapshotNanos.get(labels.get(i - 1))) / 1e9;
      long[] gc0 = gcCounters.get(labels.get(i - 1));
      long[] gc1 = gcCounters.get(labels.get(i));
      out.append(String.format(Locale.ROOT, "| %s (%.0f s) | %d | %.1f | %.0f | %.0f | %d, %d ms | %d, %d ms |%n",
          interval, secs, count, count / secs, histogramQuantile(0.5, delta) * 1000,
          histogramQuantile(0.99, delta) * 1000, gc1[0] - gc0[0], gc1[1] - gc0[1], gc1[2] - gc0[2],
          gc1[3] - gc0[3]));
    }
    long[] gcEnd = gcCounters.get(labels.getLast());
    out.append(String.format(Locale.ROOT, "| whole run | %d | | %.0f | %.0f | %d, %d ms | %d, %d ms |%n",
        total.lastEntry().getValue(), histogramQuantile(0.5, total) * 1000, histogramQuantile(0.99, total) * 1000,
        gcEnd[0], gcEnd[1], gcEnd[2], gcEnd[3]));
    out.append('\n');
    out.append("API requests per second during each interval (kube-apiserver's apiserver_request_total; the "
        + "benchmark's own creates and patches included, WATCH and LIST excluded; at least 0.5/s)\n");
    for (int i = 1; i < labels.size(); i++) {
      Map<String, Double> before = apiRequests.get(labels.get(i - 1));
      double secs = (snapshotNanos.get(labels.get(i)) - snapshotNanos.get(labels.get(i - 1))) / 1e9;
      StringBuilder line = new StringBuilder();
      apiRequests.get(labels.get(i)).entrySet().stream()
          .filter(e -> !e.getKey().startsWith("WATCH") && !e.getKey().startsWith("LIST"))
          .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / secs))
          .filter(e -> e.getValue() >= 0.5).sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
          .forEach(e -> line.append(String.format(Locale.ROOT, "%s %.1f, ", e.getKey(), e.getValue())));
      out.append("- ").append(labels.get(i - 1)).append(" -> ").append(labels.get(i)).append(": ")
          .append(line.isEmpty() ? "none" : line.substring(0, line.length() - 2)).append('\n');
    }
    out.append('\n');
    out.append("| target | measured | met |\n");
    out.append("| --- | --- | --- |\n");
    out.append(String.format(Locale.ROOT, "| operator RSS <= %d MiB | peak %d MiB (VmHWM; sampled max %d), "
        + "%d after the creates at once, %d after the steady period | %s |%n", TARGET_RSS_MIB, mib(end.hwmKib()),
        mib(peakRss), reconciled == null ? -1 : mib(reconciled.rssKib()), settled == null ? -1
            : mib(settled.rssKib()), rssMet ? "yes" : "NO"));
    out.append(String.format(Locale.ROOT, "| reconcile time p99 <= %d ms (the reconciler's own, %s, from the end of "
        + "the creates at once) | %d ms over %d reconciles | %s |%n", TARGET_P99_MILLIS, METRIC, reconcileP99,
        afterBurst.lastEntry().getValue(), reconcileMet ? "yes" : "NO"));
    out.append(String.format(Locale.ROOT, "| change to status p99 <= %d ms, paced (creates at %s/s, updates at %s/s) "
        + "| %d ms over %d changes%s | %s |%n", TARGET_P99_MILLIS, trim(options.createRate()),
        trim(options.updateRate()), p99, all.size(), converged ? "" : " (some never converged)",
        latencyMet ? "yes" : "NO"));
    for (String phase : List.of(CREATE_BURST, UPDATE_BURST)) {
      List<Long> list = latencies.getOrDefault(phase, List.of());
      long took = Math.max(1, phaseSeconds.getOrDefault(phase, 1L));
      out.append(String.format(Locale.ROOT, "| %d groups, %s: reported, not judged (each change waits for the API "
          + "writes of those before it) | p99 %d ms; %.1f changes/s | - |%n", phaseChanges(phase), phase,
          percentile(list, 99), (double) list.size() / took));
    }
    out.append(String.format(Locale.ROOT, "%noperator log: %d ERROR, %d WARN lines (%s)%n", errors, warnings,
        operatorLog));
    System.out.print(out);
    Files.writeString(options.workDir().resolve("result.md"), out.toString());
    return rssMet && reconcileMet && latencyMet;
  }

  private String javaVersion() {
    try {
      Process p = new ProcessBuilder(options.java().toString(), "-version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out.lines().skip(1).findFirst().orElse("?").trim();
    } catch (Exception e) {
      return "?";
    }
  }

  private void cleanUp() {
    if (!cleanedUp.compareAndSet(false, true)) {
      return;
    }
    if (watch != null) {
      watch.close();
    }
    if (operator != null && operator.isAlive()) {
      operator.destroy();
      try {
        if (!operator.waitFor(30, TimeUnit.SECONDS)) {
          operator.destroyForcibly();
        }
      } catch (InterruptedException e) {
        operator.destroyForcibly();
      }
    }
    if (apiServer != null) {
      try {
        apiServer.close();
      } catch (Exception e) {
        System.err.println("stopping the API server: " + e);
      }
    }
  }

  private static long seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1_000_000_000L;
  }

  private static long mib(long kib) {
    return kib < 0 ? -1 : Math.round(kib / 1024.0);
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static void log(String message) {
    System.out.println(OffsetDateTime.now().toLocalTime().truncatedTo(ChronoUnit.SECONDS) + " " + message);
  }
}
