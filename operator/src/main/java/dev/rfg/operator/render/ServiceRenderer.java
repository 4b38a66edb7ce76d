package dev.rfg.operator.render;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

import java.util.List;
import java.util.Map;

/** The four Services of a group. */
public final class ServiceRenderer {

  private ServiceRenderer() {
  }

  /** Stable DNS for every pod, ready or not: replicas and sentinels find each other before they are ready. */
  public static Service headless(GroupNames names) {
    return base(names, names.headlessService(), Map.of(), GroupLabels.selector(names.group()),
        List.of(port("redis", RedisConfRenderer.REDIS_PORT), port("sentinel", SentinelSettingsRenderer.SENTINEL_PORT)))
        .editSpec().withClusterIP("None").withPublishNotReadyAddresses(true).endSpec().build();
  }

  /** The current master only: the pod whose rfg.dev/role label the failover leader set to master. */
  public static Service master(RedisFailoverGroup group, GroupNames names) {
    var spec = group.getSpec().getServices().getMaster();
    return base(names, names.masterService(), spec.getAnnotations(),
        GroupLabels.roleSelector(names.group(), GroupLabels.ROLE_MASTER),
        List.of(port("redis", RedisConfRenderer.REDIS_PORT)))
        .editSpec().withType(spec.getType().name()).endSpec().build();
  }

  public static Service replicas(GroupNames names) {
    return base(names, names.replicasService(), Map.of(),
        GroupLabels.roleSelector(names.group(), GroupLabels.ROLE_REPLICA),
        List.of(port("redis", RedisConfRenderer.REDIS_PORT))).build();
  }

  /** Sentinels answer while their Redis resyncs, so not-ready pods stay behind this Service. */
  public static Service sentinel(GroupNames names) {
    return base(names, names.sentinelService(), Map.of(), GroupLabels.selector(names.group()),
        List.of(port("sentinel", SentinelSettingsRenderer.SENTINEL_PORT)))
        .editSpec().withPublishNotReadyAddresses(true).endSpec().build();
  }

  private static ServiceBuilder base(GroupNames names, String name, Map<String, String> annotations,
      Map<String, String> selector, List<ServicePort> ports) {
    return new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(names.namespace())
        .withLabels(GroupLabels.common(names.group())).withAnnotations(annotations).endMetadata()
        .withNewSpec().withSelector(selector).withPorts(ports).endSpec();
  }

  private static ServicePort port(String name, int port) {
    return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(new IntOrString(name))
        .withProtocol("TCP").build();
  }
}
