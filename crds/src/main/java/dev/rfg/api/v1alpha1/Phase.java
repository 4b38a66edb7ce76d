package dev.rfg.api.v1alpha1;

/** The one-word summary in status.phase and the Phase column of kubectl get rfg. */
public enum Phase {
  Pending, Creating, Ready, Degraded, FailingOver, RollingUpdate, Error
}
