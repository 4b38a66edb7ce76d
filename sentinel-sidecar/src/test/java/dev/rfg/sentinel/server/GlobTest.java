package dev.rfg.sentinel.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {
    @Test
    void matchesLikeRedis() {
        assertThat(Glob.matches("*", "+switch-master", false)).isTrue();
        assertThat(Glob.matches("+s*", "+sdown", false)).isTrue();
        assertThat(Glob.matches("my?aster", "mymaster", false)).isTrue();
        assertThat(Glob.matches("[a-c]x", "bx", false)).isTrue();
        assertThat(Glob.matches("[^a-c]x", "bx", false)).isFalse();
        assertThat(Glob.matches("ANNOUNCE-*", "announce-ip", true)).isTrue();
        assertThat(Glob.matches("a*b", "acd", false)).isFalse();
    }
}
