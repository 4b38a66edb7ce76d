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
    String[] argv = new String[args.length + 8];
    argv[0] = "exec";
    argv[1] = "-n";
    argv[2] = namespace;
    argv[3] = name;
    argv[4] = "--";
    argv[5] = "redis-cli";
    argv[6] = "--no-raw";
    argv[7] = "-e";
    System.arraycopy(args, 0, argv, 8, args.length);
    return RfgInstall.kubectl(cluster, argv).orFail("redis-cli " + String.join(" ", args)).output().trim();
  }

  @Override
  public void close() {
    cluster.client().pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
  }

}
