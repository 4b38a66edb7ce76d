package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;

import java.util.ArrayList;
import java.util.List;

/** What the sentinels and Redis report, never what the operator hopes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RedisFailoverGroupStatus {

  @JsonPropertyDescription("Pending, Creating, Ready, Degraded, FailingOver, RollingUpdate or Error.")
  private Phase phase;

  @JsonPropertyDescription("The master the sentinels elected.")
  private MasterStatus master;

  @JsonPropertyDescription("Pods that exist.")
  @StatusReplicas
  private Integer replicas;

  @JsonPropertyDescription("Pods whose Redis is ready: the master, and replicas that finished their sync.")
  private Integer readyReplicas;

  @JsonPropertyDescription("readyReplicas/desired, as kubectl get shows it.")
  private String ready;

  @JsonPropertyDescription("Sentinels that agree on the master.")
  private Integer sentinels;

  @JsonPropertyDescription("Config epoch of the current master: it grows by one or more with every failover.")
  private Long configEpoch;

  @JsonPropertyDescription("When the last failover was observed (RFC 3339).")
  private String lastFailoverTime;

  @JsonPropertyDescription("The Secret that holds the Redis password, given in spec.auth or generated.")
  private String authSecretName;

  @JsonPropertyDescription("Label selector of the group's pods, for the scale subresource.")
  @LabelSelector
  private String selector;

  @JsonPropertyDescription("Ready, Available, Degraded and FailoverInProgress, in the standard Kubernetes "
      + "condition shape.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("What is wrong, when something is.")
  private String message;

  public Phase getPhase() { return phase; }
  public void setPhase(Phase phase) { this.phase = phase; }
  public MasterStatus getMaster() { return master; }
  public void setMaster(MasterStatus master) { this.master = master; }
  public Integer getReplicas() { return replicas; }
  public void setReplicas(Integer replicas) { this.replicas = replicas; }
  public Integer getReadyReplicas() { return readyReplicas; }
  public void setReadyReplicas(Integer readyReplicas) { this.readyReplicas = readyReplicas; }
  public String getReady() { return ready; }
  public void setReady(String ready) { this.ready = ready; }
  public Integer getSentinels() { return sentinels; }
  public void setSentinels(Integer sentinels) { this.sentinels = sentinels; }
  public Long getConfigEpoch() { return configEpoch; }
  public void setConfigEpoch(Long configEpoch) { this.configEpoch = configEpoch; }
  public String getLastFailoverTime() { return lastFailoverTime; }
  public void setLastFailoverTime(String lastFailoverTime) { this.lastFailoverTime = lastFailoverTime; }
  public String getAuthSecretName() { return authSecretName; }
  public void setAuthSecretName(String authSecretName) { this.authSecretName = authSecretName; }
  public String getSelector() { return selector; }
  public void setSelector(String selector) { this.selector = selector; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public String getMessage() { return message; }
  public void setMessage(String message) { this.message = message; }
}
