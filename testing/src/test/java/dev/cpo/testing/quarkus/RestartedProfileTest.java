package dev.cpo.testing.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A test profile makes Quarkus restart (new class loaders, the global test resources started again): the broker and
 * the server must be the same as before, not new ones.
 */
@QuarkusTest
@TestProfile(RestartedProfileTest.OtherProfile.class)
class RestartedProfileTest {

    /** Any profile forces a restart. */
    public static class OtherProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cpo.test.profile", "other");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "cpo.test.profile")
    String profile;

    @Test
    void restartKeepsTheSameBrokerAndServer() {
        assertThat(profile).isEqualTo("other");
        QuarkusResourcesTest.assertSameInfrastructureAsOtherApplications(bootstrapServers, jdbcUrl);
    }
}
