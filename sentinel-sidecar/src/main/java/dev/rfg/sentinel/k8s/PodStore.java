package dev.rfg.sentinel.k8s;

import java.io.IOException;
import java.util.List;

/** The pod operations the role labeler needs; {@link KubeApi} against the API server, fakes in unit tests. */
public interface PodStore {
    String ROLE_LABEL = "rfg.dev/role";
    String EPOCH_ANNOTATION = "rfg.dev/role-epoch";
    String GROUP_LABEL = "rfg.dev/group";

    /** {@code roleEpoch} is -1 when the pod carries no (or an unreadable) epoch annotation. */
    record PodMeta(String name, String resourceVersion, String role, long roleEpoch) {}

    /** The pod, or null when it does not exist. */
    PodMeta get(String pod) throws IOException;

    /** The group's pods whose role label is {@code role}. */
    List<PodMeta> listWithRole(String role) throws IOException;

    /** Every pod of the group. */
    List<PodMeta> listGroup() throws IOException;

    /**
     * Sets the role label and the epoch annotation, only if the pod is still at {@code resourceVersion}
     * (optimistic concurrency). Returns false on a conflict (the pod changed since it was read).
     */
    boolean setRole(String pod, String resourceVersion, String role, long epoch) throws IOException;
}
