package dev.rfg.e2e.support;

import io.fabric8.kubernetes.api.model.PodBuilder;

import java.util.concurrent.TimeUnit;

/**
 * A pod in the group's namespace with redis-cli, the group's password in REDISCLI_AUTH from the Secret (never
 * on a command line), used like an application would: through the Services.
 */
public final class RedisClientPod implements AutoCloseable {

  private final Cluster cluster;
  private final String namespace;
  private final String name;

  public RedisClientPod(Cluster cluster, String namespace, String secretName, String image) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.name = "redis-client";
    cluster.client().pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec().withRestartPolicy("Never").withTerminationGracePeriodSeconds(0L)
        .addNewContainer().withName("cli").withImage(image).withImagePullPolicy("IfNotPresent")
        .withCommand("sleep", "3600")
        .addNewEnv().withName("REDISCLI_AUTH").withNewValueFrom().withNewSecretKeyRef(
            "password", secretName, false).endValueFrom().endEnv()
        .endContainer().endSpec().build()).create();
    cluster.client().pods().inNamespace(namespace).withName(name).waitUntilReady(2, TimeUnit.MINUTES);
  }

  /** redis-cli with these arguments inside the pod; returns what it printed. */
  public String cli(String... args) {
    return exec(prepend(new String[] {"redis-cli", "--no-raw", "-e"}, args), "redis-cli " + String.join(" ", args));
  }

  /** redis-cli in raw mode (one line per element, nested arrays flattened), for parsing. */
  public String cliRaw(String... args) {
    return exec(prepend(new String[] {"redis-cli", "-e"}, args), "redis-cli " + String.join(" ", args));
  }

  /** A shell script inside the pod (REDISCLI_AUTH set), e.g. a pipeline into redis-cli. */
  public String sh(String script) {
    return exec(new String[] {"sh", "-c", script}, "sh -c " + script);
  }

  private String exec(String[] command, String what) {
    String[] argv = prepend(new String[] {"exec", "-n", namespace, name, "--"}, command);
    return RfgInstall.kubectl(cluster, argv).orFail(what).stdout().trim();
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
