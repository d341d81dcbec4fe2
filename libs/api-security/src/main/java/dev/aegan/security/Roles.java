package dev.aegan.security;

import java.util.List;
import java.util.Set;

/**
 * The roles an API token grants. Each role includes the ones before it: a trainer may read, an
 * admin may do what a trainer may. Endpoints name the least role they need
 * ({@code @RolesAllowed(Roles.TRAINER)}).
 */
public final class Roles {
    /** Read endpoints, when reads are not open. */
    public static final String READER = "reader";
    /** Upload datasets, request runs and sweeps, stop runs. */
    public static final String TRAINER = "trainer";
    /** Everything a trainer may; endpoints for operators alone name it. */
    public static final String ADMIN = "admin";

    private static final List<String> ORDER = List.of(READER, TRAINER, ADMIN);

    private Roles() {
    }

    public static boolean known(String role) {
        return ORDER.contains(role);
    }

    /** The role itself and every role it includes. */
    public static Set<String> grantedBy(String role) {
        int rank = ORDER.indexOf(role);
        if (rank < 0) {
            throw new IllegalArgumentException("unknown role '" + role + "'; roles are " + ORDER);
        }
        return Set.copyOf(ORDER.subList(0, rank + 1));
    }

    public static List<String> all() {
        return ORDER;
    }
}
