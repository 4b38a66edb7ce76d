package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MasterStatus {

  @JsonPropertyDescription("Name of the master pod.")
  private String pod;

  @JsonPropertyDescription("host:port the sentinels give for the master (the pod's DNS name).")
  private String address;

  public MasterStatus() {
  }

  public MasterStatus(String pod, String address) {
    this.pod = pod;
    this.address = address;
  }

  public String getPod() { return pod; }
  public void setPod(String pod) { this.pod = pod; }
  public String getAddress() { return address; }
  public void setAddress(String address) { this.address = address; }
}
