package dev.rfg.sentinel.k8s;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names in a group: pod {@code <group>-<ordinal>} is addressed as
 * {@code <group>-<ordinal>.<headless>.<namespace>.svc.<domain>}; its sentinel id derives from the group UID and
 * the ordinal, so a restarted pod is the same voter.
 */
public record PodIdentity(String group, String namespace, String headless, String clusterDomain) {

    /** The first 40 hex digits of SHA-1("<group-uid>/<ordinal>"). */
    public static String myId(String groupUid, int ordinal) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1")
                    .digest((groupUid + "/" + ordinal).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String pod(int ordinal) {
        return group + "-" + ordinal;
    }

    public String host(int ordinal) {
        return host(pod(ordinal));
    }

    public String host(String podName) {
        return podName + "." + headless + "." + namespace + ".svc." + clusterDomain;
    }

    /** The ordinal of a pod name of this group, or -1. */
    public int ordinalOfPod(String podName) {
        String prefix = group + "-";
        if (podName == null || !podName.startsWith(prefix)) {
            return -1;
        }
        String rest = podName.substring(prefix.length());
        if (rest.isEmpty() || rest.length() > 6 || !rest.chars().allMatch(Character::isDigit)
                || rest.length() > 1 && rest.charAt(0) == '0') {
            return -1;
        }
        return Integer.parseInt(rest);
    }

    /**
     * The ordinal of a host name of this group: {@code <group>-<n>.<headless>...} (the full name, or the name
     * up to the namespace, with or without a trailing dot), else -1.
     */
    public int ordinalOfHost(String host) {
        if (host == null) {
            return -1;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        int dot = h.indexOf('.');
        if (dot < 0) {
            return -1;
        }
        String rest = h.substring(dot + 1);
        String full = (headless + "." + namespace + ".svc." + clusterDomain).toLowerCase(Locale.ROOT);
        if (!rest.equals(full) && !full.startsWith(rest + ".") ) {
            return -1;
        }
        if (!rest.startsWith(headless.toLowerCase(Locale.ROOT) + ".") && !rest.equals(headless.toLowerCase(Locale.ROOT))) {
            return -1;
        }
        return ordinalOfPod(h.substring(0, dot));
    }

    /** The pod name of a host of this group, or null. */
    public String podOfHost(String host) {
        int o = ordinalOfHost(host);
        return o < 0 ? null : pod(o);
    }

    /** Kubernetes-mode membership: a host of this group whose ordinal is below the configured size. */
    public boolean isMember(String host, int replicas) {
        int o = ordinalOfHost(host);
        return o >= 0 && o < replicas;
    }
}
