package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Groups for tests, from the YAML a user would write. */
public final class Groups {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private Groups() {
  }

  public static RedisFailoverGroup fromYaml(String spec) {
    RedisFailoverGroup group = YAML.unmarshal("""
        apiVersion: rfg.dev/v1alpha1
        kind: RedisFailoverGroup
        metadata: {name: cache, namespace: shop, uid: 6a1f7c1e-0000-4000-8000-000000000001, generation: 1}
        spec:
        """ + spec.indent(2), RedisFailoverGroup.class);
    return group;
  }

  public static RedisFailoverGroup minimal() {
    return fromYaml("{}");
  }
}
