package dev.rfg.sentinel.k8s;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the group's settings come from once the sidecar runs. The mounted {@code sentinel.properties} follows the
 * ConfigMap only when the kubelet syncs the volume (about a minute), so after a scale the sentinels would count the
 * election majority over the old size for that long. Instead, every poll (the 2 s timer) reads the ConfigMap's
 * {@code sentinel.properties} through the API server and returns the settings when that content changed.
 *
 * <p>The mounted file stays the source at start (the caller reads it; the role decision needs no API) and is the
 * fallback while the API does not answer (no access, 403, timeout, ConfigMap or key missing): then a content of the
 * file that is new since the last poll applies. While the API answers, the file is only tracked, never applied: the
 * kubelet's copy is older than what the API server returned, and falling back to the file later applies only what
 * the kubelet wrote after that.
 *
 * <p>The content is never logged (it holds no secret, but stays out of logs anyway); only the parsed settings are.
 * Not thread-safe: the timer thread polls.
 */
final class SettingsSource {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsSource.class);

    /** The ConfigMap's {@code sentinel.properties} through the API server. */
    @FunctionalInterface
    interface Remote {
        String read() throws IOException;
    }

    /** Settings that differ from the current ones, and where they came from (for the log). */
    record Change(KubeSettings settings, String from) {}

    private final Path file;
    private final Remote remote;
    private final String remoteName;
    private String lastRemoteText;
    private String lastFileText;
    private boolean remoteFailing;
    private boolean remoteAnswered;
    private boolean fileFailing;

    /** {@code remote} null: the file only (no API access). */
    SettingsSource(Path file, Remote remote, String remoteName) {
        this.file = file;
        this.remote = remote;
        this.remoteName = remoteName;
    }

    /** The settings from the API server's ConfigMap when there is API access: {@code <group>-config}. */
    static SettingsSource of(KubeEnv env, KubeApi api) {
        String cm = env.group() + "-config";
        String key = "sentinel.properties";
        return new SettingsSource(env.settings(), api == null ? null : () -> api.configMapData(cm, key),
                "ConfigMap " + cm);
    }

    boolean remoteFailing() {
        return remoteFailing;
    }

    /** New settings to apply (different from {@code current}), or null: nothing changed, or nothing readable. */
    Change poll(KubeSettings current) {
        String fileText = readFile();
        if (remote != null) {
            String text = null;
            try {
                text = remote.read();
            } catch (IOException | RuntimeException e) {
                if (!remoteFailing) {
                    LOG.warn("cannot read the settings from {} through the API server ({}); following {} instead",
                            remoteName, e.getMessage(), file);
                    remoteFailing = true;
                }
            }
            if (text != null) {
                boolean recovered = remoteFailing;
                if (recovered) {
                    LOG.warn("following the settings of {} through the API server again", remoteName);
                    remoteFailing = false;
                } else if (!remoteAnswered) {
                    LOG.info("following the settings of {} through the API server", remoteName);
                }
                remoteAnswered = true;
                // Tracked, not applied: a later fallback applies only what the kubelet writes after this poll.
                if (fileText != null) {
                    lastFileText = fileText;
                }
                if (text.equals(lastRemoteText) && !recovered) {
                    return null;
                }
                lastRemoteText = text;
                return changed(text, current, remoteName);
            }
        }
        if (fileText == null || fileText.equals(lastFileText)) {
            return null;
        }
        lastFileText = fileText;
        return changed(fileText, current, file.toString());
    }

    private Change changed(String text, KubeSettings current, String from) {
        KubeSettings fresh;
        try {
            fresh = KubeSettings.parse(text);
        } catch (RuntimeException e) {
            // Logged once per content: the same text is not parsed again.
            LOG.warn("ignoring the settings of {}: {}", from, e.getMessage());
            return null;
        }
        return fresh.equals(current) ? null : new Change(fresh, from);
    }

    private String readFile() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            fileFailing = false;
            return text;
        } catch (IOException | RuntimeException e) {
            if (!fileFailing) {
                LOG.warn("cannot re-read {}: {}", file, e.toString());
                fileFailing = true;
            }
            return null;
        }
    }
}
