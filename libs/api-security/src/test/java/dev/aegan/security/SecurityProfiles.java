package dev.aegan.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The security settings other than the defaults that the tests run the guarded resource under. */
final class SecurityProfiles {
    private SecurityProfiles() {
    }

    /** Authentication off: every caller holds every role. */
    public static class AuthenticationOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aegan.auth.enabled", "false");
        }
    }

    /** Reads, too, need a token. */
    public static class TokenReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aegan.auth.read-access", "token");
        }
    }
}
