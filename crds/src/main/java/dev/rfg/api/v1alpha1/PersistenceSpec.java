package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;

/** A StatefulSet's volumeClaimTemplates cannot change, so what shapes them is immutable here too. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.enabled == oldSelf.enabled",
    message = "redis.persistence.enabled cannot be changed on an existing group: the pods' volumes "
        + "are fixed when the group is created")
@ValidationRule(value = "!has(oldSelf.storageClassName) || "
    + "(has(self.storageClassName) && self.storageClassName == oldSelf.storageClassName)",
    message = "redis.persistence.storageClassName cannot be changed once set: existing volumes keep "
        + "their storage class")
@ValidationRule(value = "!has(oldSelf.size) || (has(self.size) && self.size == oldSelf.size)",
    message = "redis.persistence.size cannot be changed on an existing group: resize the "
        + "PersistentVolumeClaims directly")
public class PersistenceSpec {

  @JsonPropertyDescription("Keep Redis data on a PersistentVolumeClaim per pod. Default false: data lives in "
      + "an emptyDir and a restarted pod resynchronises from the master.")
  @Default("false")
  private Boolean enabled = false;

  @JsonPropertyDescription("Size of each pod's volume. Default 1Gi.")
  @Default("1Gi")
  private Quantity size = new Quantity("1Gi");

  @JsonPropertyDescription("StorageClass of the volumes. Default: the cluster's default StorageClass.")
  private String storageClassName;

  @JsonPropertyDescription("What happens to the PersistentVolumeClaims when the group is deleted or scaled "
      + "down: Retain (the default) keeps them, Delete removes them.")
  @Default("Retain")
  private ClaimPolicy whenDeleted = ClaimPolicy.Retain;

  public enum ClaimPolicy { Retain, Delete }

  public Boolean getEnabled() { return enabled; }
  public void setEnabled(Boolean enabled) { this.enabled = enabled; }
  public Quantity getSize() { return size; }
  public void setSize(Quantity size) { this.size = size; }
  public String getStorageClassName() { return storageClassName; }
  public void setStorageClassName(String storageClassName) { this.storageClassName = storageClassName; }
  public ClaimPolicy getWhenDeleted() { return whenDeleted; }
  public void setWhenDeleted(ClaimPolicy whenDeleted) { this.whenDeleted = whenDeleted; }
}
