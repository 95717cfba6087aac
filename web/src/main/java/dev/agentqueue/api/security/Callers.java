package dev.agentqueue.api.security;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** Names the user a request comes from, for the records that say who started or changed something. */
public final class Callers {

    private Callers() {}

    /** Returns the caller's user name; {@code null} for a request without a user. */
    public static String name(SecurityContext security) {
        Principal user = security.getUserPrincipal();
        return user == null ? null : user.getName();
    }
}
