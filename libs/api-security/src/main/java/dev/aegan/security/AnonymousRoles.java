package dev.aegan.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a caller without a token may do: read, when reads are open; everything, when authentication
 * is switched off.
 */
@ApplicationScoped
public class AnonymousRoles implements SecurityIdentityAugmentor {
    private final ApiCallers callers;

    AnonymousRoles(ApiCallers callers) {
        this.callers = callers;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        if (!callers.enabled()) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                    .addRoles(Roles.grantedBy(Roles.ADMIN)).build());
        }
        if (callers.openReads()) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRole(Roles.READER).build());
        }
        return Uni.createFrom().item(identity);
    }
}
