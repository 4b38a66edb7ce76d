package dev.rfg.e2e.support;

import io.fabric8.kubernetes.api.model.PodBuilder;

import java.util.concurrent.TimeUnit;

/**
 * A pod in the group's namespace with redis-cli, the group's password in REDISCLI_AUTH from the Secret (never
 * on a command line), used like an application would: through the Services. The sentinels' admin password, when
 * given, is in RFG_ADMIN_AUTH for {@link #adminCliRaw}.
 */
public final class RedisClientPod implements AutoCloseable {

  /** What {@code timeout} exits with when it had to stop the command. */
  private static final int TIMED_OUT = 124;
  private static final int COMMAND_SECONDS = 10;
  private static final int SCRIPT_SECONDS = 60;

  private final Cluster cluster;
  private final String namespace;
  private final String name;

  public RedisClientPod(Cluster cluster, String namespace, String secretName, String image) {
    this(cluster, namespace, secretName, null, image);
  }

  /** With the sentinels' admin password too, from {@code adminSecretName} (key password). */
  public RedisClientPod(Cluster cluster, String namespace, String secretName, String adminSecretName, String image) {
    this(cluster, namespace, "redis-client", java.util.Map.of(), secretName, adminSecretName, image);
  }

  /** A client of this name and these labels (what a NetworkPolicy selects clients by). */
  public RedisClientPod(Cluster cluster, String namespace, String name, java.util.Map<String, String> labels,
      String secretName, String adminSecretName, String image) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.name = name;
    cluster.client().pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
        .withNewSpec().withRestartPolicy("Never").withTerminationGracePeriodSeconds(0L)
        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(999L).withRunAsGroup(999L)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
        .addNewContainer().withName("cli").withImage(image).withImagePullPolicy("IfNotPresent")
        .withCommand("sleep", "3600")
        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL")
            .endCapabilities().endSecurityContext()
        .addNewEnv().withName("REDISCLI_AUTH").withNewValueFrom().withNewSecretKeyRef(
            "password", secretName, false).endValueFrom().endEnv()
        // Optional: a group that never ran its workflow has no admin Secret, and the pod must start all the same.
        .addAllToEnv(adminSecretName == null ? java.util.List.of() : java.util.List.of(new io.fabric8.kubernetes.api
            .model.EnvVarBuilder().withName("RFG_ADMIN_AUTH").withNewValueFrom().withNewSecretKeyRef(
            "password", adminSecretName, true).endValueFrom().build()))
        .endContainer().endSpec().build()).create();
    cluster.client().pods().inNamespace(namespace).withName(name).waitUntilReady(2, TimeUnit.MINUTES);
  }

  /** redis-cli with these arguments inside the pod; returns what it printed. */
  public String cli(String... args) {
    return exec(COMMAND_SECONDS, prepend(new String[] {"redis-cli", "--no-raw", "-e"}, args),
        "redis-cli " + String.join(" ", args));
  }

  /** redis-cli in raw mode (one line per element, nested arrays flattened), for parsing. */
  public String cliRaw(String... args) {
    return exec(COMMAND_SECONDS, prepend(new String[] {"redis-cli", "-e"}, args),
        "redis-cli " + String.join(" ", args));
  }

  /** redis-cli in raw mode as the sentinels' admin user (rfg-admin), for SENTINEL commands data users may not run. */
  public String adminCliRaw(String... args) {
    return exec(COMMAND_SECONDS, prepend(new String[] {"sh", "-c",
        "REDISCLI_AUTH=\"$RFG_ADMIN_AUTH\" exec redis-cli --user rfg-admin -e \"$@\"", "sh"}, args),
        "redis-cli --user rfg-admin " + String.join(" ", args));
  }

  /** A shell script inside the pod (REDISCLI_AUTH set), e.g. a pipeline into redis-cli. */
  public String sh(String script) {
    return exec(SCRIPT_SECONDS, new String[] {"sh", "-c", script}, "sh -c " + script);
  }

  /**
   * Whether a TCP connection to host:port opens within {@code seconds} (bash's /dev/tcp: the server images have
   * bash, not nc). A NetworkPolicy's drop shows as a timeout, a reject as a refusal: both are "no".
   */
  public boolean canConnect(String host, int port, int seconds) {
    String out = sh("if timeout " + seconds + " bash -c '</dev/tcp/" + host + "/" + port
        + "' 2>/dev/null; then echo open; else echo closed; fi");
    return out.endsWith("open");
  }

  /**
   * Every command runs under {@code timeout} in the pod. redis-cli 7.0 has no connect timeout, and right after a
   * failover a connection to the master Service can be DNATed to the old master's vanished IP by a kube-proxy that
   * has not caught up yet; its SYN retries then pin that conntrack entry for about two minutes. Bounding the try
   * lets the next one, through the updated rules, succeed, as an application's connect timeout would.
   */
  private String exec(int seconds, String[] command, String what) {
    String[] argv = prepend(new String[] {"exec", "-n", namespace, name, "--", "timeout", String.valueOf(seconds)},
        command);
    Tools.Result result = RfgInstall.kubectl(cluster, argv);
    if (result.exitCode() == TIMED_OUT) {
      throw new AssertionError(what + " did not finish within " + seconds + " s in the pod:\n" + result.output());
    }
    return result.orFail(what).stdout().trim();
  }

  private static String[] prepend(String[] head, String[] tail) {
    String[] all = new String[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Override
  public void close() {
    cluster.client().pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
  }

}
