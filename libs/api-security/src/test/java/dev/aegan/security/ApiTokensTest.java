package dev.aegan.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiTokensTest {
    private static final String ALICE = "alice-secret-0123456789abcdef";
    private static final String CI = "ci-secret-0123456789abcdef0123";

    @Test
    void identifiesEachTokenBySecretAndKeepsItsRole() {
        ApiTokens tokens = ApiTokens.parse("alice:admin:" + ALICE + ",\n ci : trainer : " + CI + "\n");
        assertEquals(2, tokens.size());
        assertEquals("alice", tokens.identify(ALICE).orElseThrow().name());
        assertEquals("trainer", tokens.identify(CI).orElseThrow().role());
        assertTrue(tokens.identify(ALICE + "x").isEmpty());
        assertTrue(tokens.identify("").isEmpty());
    }

    @Test
    void secretsMayHoldColons() {
        String secret = "abc:def:0123456789abcdefghij";
        assertEquals("ops", ApiTokens.parse("ops:reader:" + secret).identify(secret).orElseThrow().name());
    }

    @Test
    void noEntriesMeansNoCaller() {
        assertTrue(ApiTokens.parse("").isEmpty());
        assertTrue(ApiTokens.parse(null).isEmpty());
        assertTrue(ApiTokens.parse(" , \n").isEmpty());
    }

    @Test
    void refusesMalformedEntriesWithoutEchoingTheSecret() {
        IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
                () -> ApiTokens.parse("bob:root:" + ALICE));
        assertTrue(role.getMessage().contains("role 'root'"), role.getMessage());
        assertFalse(role.getMessage().contains(ALICE));
        assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("bob:reader:short"));
        assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("just-a-secret-0123456789abcdef"));
        assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("a:reader:" + ALICE + ",a:admin:" + CI));
        IllegalArgumentException reuse = assertThrows(IllegalArgumentException.class,
                () -> ApiTokens.parse("a:reader:" + ALICE + ",b:admin:" + ALICE));
        assertFalse(reuse.getMessage().contains(ALICE));
    }

    @Test
    void eachRoleIncludesTheOnesBelowIt() {
        assertEquals(java.util.Set.of("reader"), Roles.grantedBy(Roles.READER));
        assertEquals(java.util.Set.of("reader", "trainer"), Roles.grantedBy(Roles.TRAINER));
        assertEquals(java.util.Set.of("reader", "trainer", "admin"), Roles.grantedBy(Roles.ADMIN));
        assertThrows(IllegalArgumentException.class, () -> Roles.grantedBy("root"));
    }
}
