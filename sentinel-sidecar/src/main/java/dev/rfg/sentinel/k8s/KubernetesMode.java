package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.SentinelRuntime;
import dev.rfg.sentinel.config.ConfigException;
import dev.rfg.sentinel.config.ConfigParser;
import dev.rfg.sentinel.config.MasterConfig;
import dev.rfg.sentinel.config.SentinelConfig;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.engine.VoteGate;
import dev.rfg.sentinel.engine.VoterPolicy;
import dev.rfg.sentinel.events.SentinelEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code rfg-sentinel --kubernetes}: the sentinel as the sidecar of a Redis pod (module README, "Kubernetes
 * mode"). Generates its sentinel.conf in the state dir, decides Redis's role before Redis starts, writes the
 * runtime include, serves health and metrics, and keeps the pod labels in line with the sentinels.
 */
public final class KubernetesMode {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesMode.class);

    final KubeEnv env;
    final PodIdentity identity;
    final int ordinal;
    volatile KubeSettings settings;
    /** The passwords of this pod, through a rotation too; made in {@link #start} from the runtime include. */
    PasswordRotation rotation;
    private final String filePassword;
    SentinelRuntime.Running running;
    KubeGlue glue;
    SettingsSource settingsSource;
    HealthServer health;
    volatile RoleDecision.Decision decision;
    volatile boolean started;
    final PeerProbes probes = new PeerProbes(this);
    final StartupRole startupRole = new StartupRole(this, probes);
    final LiveSettings liveSettings = new LiveSettings(this);
    final AppUserSync redisUsers = new AppUserSync(AppUserTargets.redis(this), "Redis", this::podEvent);
    final AppUserSync sentinelUsers = new AppUserSync(AppUserTargets.sentinel(this), "sentinel", this::podEvent);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rfg-k8s");
        t.setDaemon(true);
        return t;
    });

    KubernetesMode(KubeEnv env, KubeSettings settings, String password) {
        this.env = env;
        this.settings = settings;
        this.filePassword = password;
        this.identity = new PodIdentity(env.group(), env.namespace(), settings.headlessService(),
                settings.clusterDomain());
        this.ordinal = identity.ordinalOfPod(env.podName());
        if (ordinal < 0) {
            throw new IllegalArgumentException("POD_NAME " + env.podName() + " is not a pod of group " + env.group());
        }
    }

    public static void main(String[] args) {
        // DNS cache TTLs: set by SentinelMain.main (DnsCache) before anything looks a name up.
        KubernetesMode k;
        try {
            KubeEnv env = KubeEnv.from(System.getenv());
            k = new KubernetesMode(env, KubeSettings.read(env.settings()), requirePassword(env.passwordFile()));
            k.start();
        } catch (IOException | RuntimeException | ConfigException e) {
            System.err.println("rfg-sentinel --kubernetes: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        k.startupRole.decideLoop();
    }

    /**
     * The password Redis, the replicas and the sentinels start with. None (the Secret was deleted, emptied or lost
     * its key) stops the sidecar before Redis starts: a group never runs without a password.
     */
    static String requirePassword(Path file) throws IOException {
        String pw = readPassword(file);
        if (pw == null || pw.isEmpty()) {
            throw new IOException("no password in " + file + " (the group's Secret is missing, empty or lacks its "
                    + "key): Redis does not start without one");
        }
        return pw;
    }

    static String readPassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String pw = Files.readString(file, StandardCharsets.UTF_8);
        // Secrets written by hand often end with a newline; Redis passwords never do.
        return pw.endsWith("\n") ? pw.strip() : pw;
    }

    /** The password this sidecar logs in with everywhere (the previous one while a rotation has not switched). */
    String password() {
        return rotation == null ? filePassword : rotation.credentials().outbound();
    }

    /**
     * Where a rotation stands when the sidecar starts: what the runtime include says the running Redis accepts (a
     * restarted sentinel container), else only the file's password (a new pod). The file's password, if new, is
     * taken up by the first round.
     */
    Credentials startCredentials() throws IOException {
        Credentials recorded = RuntimeConf.credentials(env.runtimeConf());
        return recorded != null ? recorded : Credentials.of(filePassword);
    }

    Path stateFile() {
        return env.stateDir().resolve("sentinel.conf");
    }

    void start() throws IOException, ConfigException {
        rotation = new PasswordRotation(startCredentials(), new RotationActions(this), System::currentTimeMillis);
        adminPassword = readPassword(env.adminPasswordFile());
        if (adminPassword == null || adminPassword.isEmpty()) {
            LOG.warn("No sentinel admin password in {}: the group's password may run every sentinel command (a pod"
                    + " made by an operator without NAME-sentinel-admin)", env.adminPasswordFile());
        }
        Files.createDirectories(env.stateDir());
        Path file = stateFile();
        boolean stateExisted = Files.exists(file) && Files.size(file) > 0;
        if (!stateExisted) {
            Files.writeString(file, "# The RFG sentinel's state (generated, rewritten by the sentinel).\n");
        }
        SentinelConfig cfg = ConfigParser.parse(file);
        boolean stateSawMaster = cfg.masters.containsKey(settings.masterName());
        applyIdentity(cfg);
        cfg.masters.keySet().removeIf(n -> !n.equals(settings.masterName()));
        MasterConfig mc = cfg.masters.get(settings.masterName());
        if (mc != null) {
            applySettings(mc);
        }
        this.stateSawMaster = stateSawMaster;
        boolean gate = !stateExisted;
        // A sentinel that monitors nothing yet keeps its port closed: answering clients "no such master" and
        // taking their SUBSCRIBE would leave them on the old master, because the +monitor that follows the role
        // decision is no +switch-master (JedisSentinelPool stayed on a deleted master that way).
        running = SentinelRuntime.start(cfg, s -> {
            s.voterPolicy = VoterPolicy.fixed(settings.voters());
            s.refusalMeansDown = true;
            s.persistSecrets = false;
            s.memberFilter = host -> identity.isMember(host, settings.replicas());
            s.votesForMembersOnly = true;
            if (gate) {
                s.voteGate = VoteGate.freshState(s);
            }
        }, mc != null);
        LOG.info("Kubernetes mode: pod {} (ordinal {}), announcing {}, group size {}, {}", env.podName(), ordinal,
                env.announceHost(), settings.replicas(), stateExisted ? "state restored from " + file
                        : "new state (no votes while the fresh-state vote gate holds, 15 s by default)");
        if (mc != null) {
            seedReplicas();
        }
        KubeApi api = null;
        try {
            api = KubeApi.inCluster(env.namespace(), env.group());
        } catch (IOException e) {
            LOG.warn("No Kubernetes API access ({}): pod labels and events are off", e.getMessage());
        }
        settingsSource = SettingsSource.of(env, api);
        glue = new KubeGlue(this, api);
        running.sentinel().events.addListener(glue);
        health = new HealthServer(this, env.httpPort());
        health.start();
        timer.scheduleWithFixedDelay(liveSettings::periodic, 2, 2, TimeUnit.SECONDS);
    }

    volatile boolean stateSawMaster;
    /** Read once at start: a changed admin password takes effect when the sentinel container restarts. */
    String adminPassword;
    volatile boolean redisSeenRunning;

    void applyIdentity(SentinelConfig cfg) {
        cfg.port = settings.sentinelPort();
        if (env.bind() != null) {
            cfg.bind.clear();
            cfg.bind.add(env.bind());
        }
        cfg.myId = PodIdentity.myId(settings.groupUid(), ordinal);
        cfg.announceIp = env.announceHost();
        cfg.announceHostnames = true;
        cfg.resolveHostnames = true;
        Credentials c = rotation.credentials();
        cfg.requirepass = c.outbound();
        cfg.alsoAccepted = c.alsoAccepted();
        cfg.sentinelPass = null;
        cfg.users.clear();
        cfg.users.addAll(SentinelUsers.lines(c, adminPassword));
    }

    void applySettings(MasterConfig mc) {
        mc.quorum = settings.quorum();
        mc.downAfterMs = settings.downAfterMs();
        mc.failoverTimeoutMs = settings.failoverTimeoutMs();
        mc.parallelSyncs = settings.parallelSyncs();
        mc.authPass = password();
    }

    void writeRuntime(String replicaOf) throws IOException {
        if (RuntimeConf.write(env.runtimeConf(), RuntimeConf.render(rotation.credentials(), replicaOf,
                settings.redisPort()))) {
            LOG.info("Wrote {} ({})", env.runtimeConf(), replicaOf == null ? "master" : "replicaof " + replicaOf);
        }
    }

    /**
     * The runtime include with other passwords and the role it already has (a rotation step; the role is the
     * role decision's and {@code syncRuntimeConf}'s business); nothing before the first one.
     */
    void writeRuntimeFor(Credentials c) throws IOException {
        if (Files.exists(env.runtimeConf())) {
            RuntimeConf.write(env.runtimeConf(), RuntimeConf.render(c, RuntimeConf.replicaOf(env.runtimeConf()),
                    settings.redisPort()));
        }
    }

    /** An Event of this pod (when the API is reachable). */
    void podEvent(String reason, String message) {
        if (glue != null) {
            glue.event(reason, "Pod " + env.podName() + " " + message);
        }
    }

    /** The applications' ACL users on this pod's Redis and sentinel, one round (LiveSettings). */
    void syncAppUsers() throws IOException {
        List<String> missing = new java.util.ArrayList<>();
        List<AppUserSync.Desired> desired = AppUserSync.desired(settings.aclUsers(), env.usersDir(), missing);
        long now = System.currentTimeMillis();
        try {
            redisUsers.sync(desired, missing, now, settings.previousPasswordGraceMs());
        } finally {
            // A Redis that does not answer this round must not hold the sentinel's users back.
            sentinelUsers.sync(desired, missing, now, settings.previousPasswordGraceMs());
        }
    }

    /** Starts monitoring {@code host} when this sentinel monitors nothing yet; knows the other pods as replicas. */
    void monitor(String host) throws Exception {
        KubeSettings st = settings;
        onLoop(s -> {
            if (s.masters.containsKey(st.masterName())) {
                ReplicaSeeder.seed(s, identity, st);
                return null;
            }
            MasterInstance m = running.engine().createMaster(st.masterName(), host, st.redisPort(), st.quorum(),
                    Sentinel.now());
            m.downAfterMs = st.downAfterMs();
            m.failoverTimeoutMs = st.failoverTimeoutMs();
            m.parallelSyncs = st.parallelSyncs();
            m.authPass = password();
            s.persister.flush();
            s.event(SentinelEvent.Level.WARNING, "+monitor", m, "quorum " + m.quorum);
            ReplicaSeeder.seed(s, identity, st);
            return null;
        });
    }

    void seedReplicas() {
        KubeSettings st = settings;
        try {
            onLoop(s -> ReplicaSeeder.seed(s, identity, st));
        } catch (Exception e) {
            LOG.warn("seeding the group's replicas failed: {}", e.toString());
        }
    }

    <T> T onLoop(java.util.function.Function<Sentinel, T> f) throws Exception {
        return SentinelRuntime.onLoop(running.loop(), () -> f.apply(running.sentinel()));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
