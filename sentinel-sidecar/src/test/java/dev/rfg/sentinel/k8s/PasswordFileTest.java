package dev.rfg.sentinel.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A group never starts without a password: a deleted, emptied or keyless Secret leaves no file or an empty one. */
class PasswordFileTest {

    @TempDir
    Path dir;

    @Test
    void aPasswordWrittenByHandLosesItsNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("password"), "s3cret\n");
        assertThat(KubernetesMode.requirePassword(file)).isEqualTo("s3cret");
    }

    @Test
    void noFileOrAnEmptyOneStopsTheStart() throws IOException {
        assertThatThrownBy(() -> KubernetesMode.requirePassword(dir.resolve("password")))
                .isInstanceOf(IOException.class).hasMessageContaining("Redis does not start without one");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> KubernetesMode.requirePassword(empty))
                .isInstanceOf(IOException.class).hasMessageContaining("no password in " + empty);
    }
}
