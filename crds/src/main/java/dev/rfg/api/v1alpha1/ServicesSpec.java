package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

import java.util.LinkedHashMap;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServicesSpec {

  @JsonPropertyDescription("The <name>-master Service, which selects the current master only.")
  @Default("{}")
  private MasterService master = new MasterService();

  @JsonPropertyDescription("The <name>-replicas Service, which selects the replicas only.")
  @Default("{}")
  private ReplicasService replicas = new ReplicasService();

  public MasterService getMaster() { return master; }
  public void setMaster(MasterService master) { this.master = master; }
  public ReplicasService getReplicas() { return replicas; }
  public void setReplicas(ReplicasService replicas) { this.replicas = replicas; }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MasterService {
    @JsonPropertyDescription("Service type: ClusterIP (the default), NodePort or LoadBalancer.")
    @Default("ClusterIP")
    private ServiceType type = ServiceType.ClusterIP;

    @JsonPropertyDescription("Annotations on the Service, for example for a cloud load balancer.")
    private Map<String, String> annotations = new LinkedHashMap<>();

    public ServiceType getType() { return type; }
    public void setType(ServiceType type) { this.type = type; }
    public Map<String, String> getAnnotations() { return annotations; }
    public void setAnnotations(Map<String, String> annotations) { this.annotations = annotations; }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ReplicasService {
    @JsonPropertyDescription("Create the replicas Service. Default true.")
    @Default("true")
    private Boolean enabled = true;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
  }

  public enum ServiceType { ClusterIP, NodePort, LoadBalancer }
}
