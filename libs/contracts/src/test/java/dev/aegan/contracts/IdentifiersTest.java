package dev.aegan.contracts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentifiersTest {

    @Test
    void acceptsTheNamesUsersAndServicesChoose() {
        for (String id : new String[] {"a", "7", "vae-3f9a01c2", "request-0-12", "ijae-lambda-4", "fashion-mnist",
                "mnist_v2.1", "a..b", "a".repeat(63)}) {
            assertTrue(Identifiers.isValid(id), id);
        }
    }

    @Test
    void refusesWhatCouldLeaveItsKeySegmentOrCannotBeTypedBack() {
        for (String id : new String[] {"", ".", "..", "../x", "..%2F..", "a/b", "/a", "a\\b", ".hidden", "-a", "_a",
                "a".repeat(64), "Upper", "a b", "a\n", "<script>alert(1)</script>", "a\u0000",
                "\uff0e\uff0e", "a\uff0eb", "\u0430bc", "caf\u00e9"}) {
            assertFalse(Identifiers.isValid(id), id);
        }
        assertFalse(Identifiers.isValid(null));
    }

    @Test
    void aRefusalNamesTheParameterTheValueAndTheRuleWithTheKindsCode() {
        InvalidIdentifierException e = assertThrows(InvalidIdentifierException.class,
                () -> Identifiers.require(Identifiers.Kind.RUN_ID, "runId", "../x"));
        assertEquals("INVALID_RUN_ID", e.code());
        assertEquals("runId '../x' is not a valid run id: a run id has " + Identifiers.RULE, e.getMessage());
        assertEquals("INVALID_GROUP", assertThrows(InvalidIdentifierException.class,
                () -> Identifiers.require(Identifiers.Kind.GROUP, "group", "a/b")).code());
        assertEquals(RejectionCode.INVALID_DATASET_NAME.name(), assertThrows(InvalidIdentifierException.class,
                () -> Identifiers.require(Identifiers.Kind.DATASET, "dataset", "")).code());
        assertEquals("vae-1", Identifiers.require(Identifiers.Kind.RUN_ID, "runId", "vae-1"));
    }

    @Test
    void aLongOrInvisibleValueIsShownShortAndEscaped() {
        String markup = "<b>" + "x".repeat(497);
        String message = Identifiers.problem(Identifiers.Kind.GROUP, "group", markup);
        assertTrue(message.startsWith("group '<b>" + "x".repeat(37) + "'... (500 characters) is not a valid group"),
                message);
        assertTrue(Identifiers.problem(Identifiers.Kind.RUN_ID, "runId", "\uff0e\uff0e").contains("'\\uff0e\\uff0e'"));
        assertTrue(Identifiers.problem(Identifiers.Kind.RUN_ID, "runId", "").contains("'' (empty)"));
        assertTrue(Identifiers.problem(Identifiers.Kind.RUN_ID, "runId", null).startsWith("runId is missing"));
    }
}
