package dev.agentqueue.it.support;

import dev.agentqueue.testsupport.api.ApiUser;
import java.util.Locale;

/**
 * The IT users, one per role, plus the default client that may enqueue and read. The build generates them and their
 * passwords ({@code bin/it-users}) and passes them in as system properties {@code agentqueue.it.<role>.user} and
 * {@code agentqueue.it.<role>.password}.
 */
public enum Role {
    ADMIN,
    VIEWER,
    PRODUCER,
    CLIENT;

    /** Returns this role's IT user, to call the API as. */
    public ApiUser apiUser() {
        return new ApiUser(user(), password());
    }

    /** Returns the name of this role's IT user. */
    public String user() {
        return property("user");
    }

    /** Returns the generated password of this role's IT user. */
    public String password() {
        return property("password");
    }

    /** Returns the {@code Authorization} header value that logs in as this role's IT user. */
    public String authorization() {
        return apiUser().authorization();
    }

    private String property(String what) {
        String name = "agentqueue.it." + name().toLowerCase(Locale.ROOT) + "." + what;
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(
                    "System property " + name + " is not set; run the ITs through Maven, which creates the users");
        }
        return value;
    }
}
