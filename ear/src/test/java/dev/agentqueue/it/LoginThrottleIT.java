package dev.agentqueue.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.it.support.LoopbackCaller;
import dev.agentqueue.it.support.LoopbackCaller.Answer;
import dev.agentqueue.it.support.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No lockout by strangers: guessing the admin's password from one address throttles that address (429 with
 * Retry-After), never the admin, who still logs in from another address; and the server's own lockout per user is
 * off, so failures spread over several addresses do not lock the admin out either. The clients are distinct loopback
 * addresses (127.0.0.2 and up); the IT server trusts 127.0.0.1, which the other ITs call from.
 */
@ExtendWith(ArquillianExtension.class)
class LoginThrottleIT {

    /** The default allowance of failed logins per address (agentqueue.security.login-throttle.max-failures). */
    private static final int ALLOWANCE = 10;

    /** Addresses whose allowances add up to more than the 25 failures after which WildFly would lock a user out. */
    private static final int ATTACKERS = 4;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aHundredBadLoginsThrottleTheGuessingAddressAndTheAdminStillLogsInFromAnother() {
        LoopbackCaller attacker = LoopbackCaller.from(2, Deployments.appUrl());
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Answer> refusals = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Answer answer = attacker.get("queues", Role.ADMIN.user(), "guess-" + i);
            statuses.merge(answer.status(), 1, Integer::sum);
            if (answer.status() == 429) {
                refusals.add(answer);
            }
        }

        assertThat(statuses).as("answers to 100 bad logins").isEqualTo(Map.of(401, ALLOWANCE, 429, 100 - ALLOWANCE));
        assertThat(refusals).allSatisfy(refusal -> {
            assertThat(refusal.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refusal.header("Retry-After")).matches("[1-9]\\d*");
            assertThat(refusal.body()).contains("too-many-failed-logins");
        });
        assertThat(attacker.get("queues", Role.ADMIN.user(), Role.ADMIN.password())
                        .status())
                .as("the right password from the throttled address: not even checked")
                .isEqualTo(429);
        assertThat(attacker.get("health", null, null).status())
                .as("a call without credentials from the throttled address")
                .isEqualTo(200);

        Answer admin =
                LoopbackCaller.from(3, Deployments.appUrl()).get("queues", Role.ADMIN.user(), Role.ADMIN.password());
        assertThat(admin.status())
                .as("the admin from another address: " + admin.body())
                .isEqualTo(200);
    }

    @Test
    void failuresFromManyAddressesDoNotLockTheAdminOut() {
        int failures = 0;
        for (int attacker = 0; attacker < ATTACKERS; attacker++) {
            LoopbackCaller caller = LoopbackCaller.from(10 + attacker, Deployments.appUrl());
            for (int i = 0; i < ALLOWANCE; i++) {
                assertThat(caller.get("queues", Role.ADMIN.user(), "guess-" + attacker + "-" + i)
                                .status())
                        .isEqualTo(401);
                failures++;
            }
        }
        assertThat(failures).as("failed logins of the admin").isGreaterThan(25);

        Answer admin =
                LoopbackCaller.from(20, Deployments.appUrl()).get("queues", Role.ADMIN.user(), Role.ADMIN.password());
        assertThat(admin.status())
                .as("the admin after " + failures + " failures: " + admin.body())
                .isEqualTo(200);
    }
}
