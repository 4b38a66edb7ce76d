package dev.rfg.sentinel.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rotation's transition table, step by step, with a fake world and a fake clock. */
class PasswordRotationTest {

    /** Records what each step did; membersAccept answers what the test says. */
    static final class World implements PasswordRotation.Actions {
        final List<String> did = new ArrayList<>();
        PasswordRotation.MemberCheck members = new PasswordRotation.MemberCheck(3, List.of(), 0);
        boolean redisDown;
        Credentials redis;
        Credentials sentinel;
        Credentials persisted;

        @Override
        public void persist(Credentials next) {
            persisted = next;
        }

        @Override
        public void applyToRedis(Credentials next, Credentials before) throws Exception {
            if (redisDown) {
                throw new java.io.IOException("connection refused");
            }
            assertThat(redis == null || redis.accepted().contains(before.outbound()))
                    .as("logs in with a password Redis accepts").isTrue();
            redis = next;
        }

        @Override
        public void applyToSentinel(Credentials next) {
            sentinel = next;
        }

        @Override
        public PasswordRotation.MemberCheck membersAccept(String password) {
            return members;
        }

        @Override
        public void event(String reason, String message) {
            did.add(reason);
        }
    }

    long now = 1_000_000;
    final World world = new World();

    @Test
    void steadyToAcceptingToSwitchedToSteady() {
        world.redis = Credentials.of("old");
        PasswordRotation r = new PasswordRotation(Credentials.of("old"), world, () -> now);
        r.step("old", 30_000);
        assertThat(r.phase()).isEqualTo(PasswordRotation.Phase.STEADY);
        assertThat(world.did).isEmpty();

        r.step("new", 30_000);
        assertThat(r.phase()).isEqualTo(PasswordRotation.Phase.ACCEPTING);
        assertThat(world.redis.accepted()).containsExactly("old", "new");
        assertThat(world.redis.outbound()).as("still logs in with the old one").isEqualTo("old");
        assertThat(world.persisted).isEqualTo(world.redis);

        world.members = new PasswordRotation.MemberCheck(1, List.of("g-1 (redis)"), 1);
        r.step("new", 30_000);
        assertThat(r.phase()).as("a member refuses the new password").isEqualTo(PasswordRotation.Phase.ACCEPTING);

        world.members = new PasswordRotation.MemberCheck(2, List.of(), 1);
        r.step("new", 30_000);
        assertThat(r.phase()).as("one did not answer: it does not hold the switch up")
                .isEqualTo(PasswordRotation.Phase.SWITCHED);
        assertThat(world.sentinel.outbound()).isEqualTo("new");
        assertThat(world.sentinel.alsoAccepted()).containsExactly("old");

        now += 29_999;
        r.step("new", 30_000);
        assertThat(r.phase()).isEqualTo(PasswordRotation.Phase.SWITCHED);
        now += 1;
        r.step("new", 30_000);
        assertThat(r.phase()).isEqualTo(PasswordRotation.Phase.STEADY);
        assertThat(world.redis).isEqualTo(Credentials.of("new"));
        assertThat(world.did).containsExactly("PasswordRotationStarted", "PasswordRotationSwitched",
                "PasswordRotationFinished");
    }

    @Test
    void theGraceNeverEndsBeforeTheOtherSidecarsCouldSwitch() {
        PasswordRotation r = new PasswordRotation(Credentials.of("old").accepting("new").switched(), world,
                () -> now);
        assertThat(r.phase()).as("read back after a restart").isEqualTo(PasswordRotation.Phase.SWITCHED);
        now += PasswordRotation.MIN_SWITCHED_MS - 1;
        r.step("new", 0);
        assertThat(r.phase()).isEqualTo(PasswordRotation.Phase.SWITCHED);
        now += 1;
        r.step("new", 0);
        assertThat(r.phase()).isEqualTo(PasswordRotation.Phase.STEADY);
    }

    @Test
    void aFailedStepChangesNothingAndIsTriedAgain() {
        PasswordRotation r = new PasswordRotation(Credentials.of("old"), world, () -> now);
        world.redisDown = true;
        r.step("new", 0);
        assertThat(r.phase()).isEqualTo(PasswordRotation.Phase.STEADY);
        assertThat(r.credentials()).isEqualTo(Credentials.of("old"));
        assertThat(world.persisted.accepted()).as("a Redis restarting meanwhile accepts both").contains("new");
        world.redisDown = false;
        r.step("new", 0);
        assertThat(r.phase()).isEqualTo(PasswordRotation.Phase.ACCEPTING);
    }

    @Test
    void anEmptiedOrDeletedSecretChangesNothing() {
        PasswordRotation r = new PasswordRotation(Credentials.of("old"), world, () -> now);
        r.step(null, 0);
        r.step("", 0);
        assertThat(r.phase()).isEqualTo(PasswordRotation.Phase.STEADY);
        assertThat(world.did).isEmpty();
    }

    @Test
    void aThirdPasswordDuringARotationKeepsEveryOneAccepted() {
        PasswordRotation r = new PasswordRotation(Credentials.of("p1"), world, () -> now);
        r.step("p2", 0);
        r.step("p2", 0);
        assertThat(r.phase()).isEqualTo(PasswordRotation.Phase.SWITCHED);
        r.step("p3", 0);
        assertThat(r.phase()).isEqualTo(PasswordRotation.Phase.ACCEPTING);
        assertThat(r.credentials().accepted()).containsExactly("p1", "p2", "p3");
        assertThat(r.credentials().outbound()).as("others may have switched to p2 already").isEqualTo("p2");
        // Back to p1 (a reverted change): p1 becomes the newest, nothing is dropped yet.
        r.step("p1", 0);
        assertThat(r.credentials().accepted()).containsExactly("p2", "p3", "p1");
    }

    @Test
    void theRuntimeIncludeRecordsARotation(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("redis-runtime.conf");
        Credentials c = Credentials.of("o\"ld").accepting("n e\\w");
        RuntimeConf.write(f, RuntimeConf.render(c, "g-1.h", 6379));
        assertThat(Files.readString(f)).contains("user default on resetpass \">o\\\"ld\" \">n e\\\\w\" ~* &* +@all")
                .contains("replicaof g-1.h 6379");
        assertThat(RuntimeConf.credentials(f)).isEqualTo(c);
        assertThat(RuntimeConf.replicaOf(f)).isEqualTo("g-1.h");
        RuntimeConf.write(f, RuntimeConf.render(c.switched().retired(), null, 6379));
        assertThat(RuntimeConf.credentials(f)).isEqualTo(Credentials.of("n e\\w"));
        assertThat(RuntimeConf.replicaOf(f)).isNull();
        assertThat(RuntimeConf.credentials(dir.resolve("none"))).isNull();
        assertThat(c.toString()).doesNotContain("ld").doesNotContain("e\\w");
    }

    @Test
    void aRefusalFromRedisIsLoggedWithoutThePasswords() {
        Credentials before = Credentials.of("old-pw");
        assertThat(RotationActions.redacted("ERR Error in ACL SETUSER modifier '>new-pw': Syntax error",
                before.accepting("new-pw"), before))
                .isEqualTo("ERR Error in ACL SETUSER modifier '>***': Syntax error");
    }
}
