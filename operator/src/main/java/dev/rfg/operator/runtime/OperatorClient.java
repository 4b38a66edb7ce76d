package dev.rfg.operator.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's Kubernetes client: fabric8's, with one change to how objects are read. Every {@code FieldsV1}
 * (the field set of a {@code managedFields} entry) is interned as it is deserialized (see
 * {@link ManagedFieldsInterner}), so the informer caches share one copy of each field set instead of holding one
 * per object. This is done in the deserializer rather than in an informer {@code ItemStore} because JOSDK hands one
 * item store to every per-namespace informer of an event source, which breaks a relist when several namespaces are
 * watched.
 */
public final class OperatorClient {

  private OperatorClient() {
  }

  /** From the environment, as fabric8 finds it (in-cluster ServiceAccount, KUBECONFIG, ~/.kube/config). */
  public static KubernetesClient create() {
    return new KubernetesClientBuilder().withKubernetesSerialization(serialization()).build();
  }

  public static KubernetesClient create(Config config) {
    return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(serialization()).build();
  }

  /** fabric8's serialization with interned field sets. */
  public static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.registerModule(new SimpleModule("rfg-managed-fields")
        .addDeserializer(FieldsV1.class, new InterningFieldsDeserializer(new ManagedFieldsInterner())));
    return new KubernetesSerialization(mapper, true);
  }

  private static final class InterningFieldsDeserializer extends StdDeserializer<FieldsV1> {
    private final transient ManagedFieldsInterner interner;

    InterningFieldsDeserializer(ManagedFieldsInterner interner) {
      super(FieldsV1.class);
      this.interner = interner;
    }

    @Override
    @SuppressWarnings("unchecked")
    public FieldsV1 deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      Map<String, Object> fields = context.readValue(parser, LinkedHashMap.class);
      FieldsV1 result = new FieldsV1();
      result.setAdditionalProperties(interner.intern(fields));
      return result;
    }
  }
}
