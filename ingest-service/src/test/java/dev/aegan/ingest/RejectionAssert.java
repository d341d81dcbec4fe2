package dev.aegan.ingest;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Rejection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

public final class RejectionAssert {
    private RejectionAssert() {
    }

    /** Asserts that {@code action} refuses its input with {@code code}. */
    public static void assertCode(RejectionCode code, Runnable action) {
        Rejection rejection = assertThrows(Rejection.class, action::run);
        assertEquals(code, rejection.code(), rejection.getMessage());
    }
}
