package dev.agentqueue.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How failed logins throttle the address they come from, and only that address, on a clock the test moves. */
class LoginThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(3, WINDOW, 100, now::get);

    @Test
    void anAddressIsRefusedOnlyAfterItsAllowanceOfFailures() {
        assertThat(throttle.failed("10.0.0.1")).isFalse();
        assertThat(throttle.failed("10.0.0.1")).isFalse();
        assertThat(throttle.refusal("10.0.0.1")).isEmpty();

        assertThat(throttle.failed("10.0.0.1"))
                .as("the failure that uses up the allowance")
                .isTrue();

        assertThat(throttle.refusal("10.0.0.1")).contains(WINDOW);
    }

    @Test
    void anotherAddressIsNeverRefusedForTheFailuresOfTheFirst() {
        for (int i = 0; i < 100; i++) {
            throttle.failed("10.0.0.1");
        }

        assertThat(throttle.refusal("10.0.0.1")).isPresent();
        assertThat(throttle.refusal("10.0.0.2")).isEmpty();
    }

    @Test
    void theRefusalEndsWhenTheWindowHasPassedAndCountingStartsAfresh() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("10.0.0.1");
        }
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(throttle.refusal("10.0.0.1")).contains(Duration.ofMinutes(3));

        now.addAndGet(Duration.ofMinutes(3).toNanos());
        assertThat(throttle.refusal("10.0.0.1")).isEmpty();
        assertThat(throttle.failed("10.0.0.1")).isFalse();
        assertThat(throttle.refusal("10.0.0.1")).isEmpty();
    }

    @Test
    void aFullTableDropsPassedWindowsAndThenStopsCountingNewAddresses() {
        LoginThrottle small = new LoginThrottle(1, WINDOW, 2, now::get);
        small.failed("10.0.0.1");
        small.failed("10.0.0.2");

        assertThat(small.failed("10.0.0.3")).as("counted in a full table").isFalse();
        assertThat(small.refusal("10.0.0.3")).isEmpty();
        assertThat(small.tracked()).isEqualTo(2);

        now.addAndGet(WINDOW.toNanos());
        assertThat(small.failed("10.0.0.3")).isTrue();
        assertThat(small.tracked()).isEqualTo(1);
    }

    @Test
    void zeroFailuresAllowedTurnsTheThrottleOff() {
        LoginThrottle off = new LoginThrottle(0, WINDOW, 100, now::get);
        for (int i = 0; i < 100; i++) {
            off.failed("10.0.0.1");
        }

        assertThat(off.refusal("10.0.0.1")).isEmpty();
        assertThat(off.tracked()).isZero();
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64Network() throws Exception {
        String one = LoginThrottleHandler.clientKey(InetAddress.getByName("2001:db8:1:2::1"));
        String other = LoginThrottleHandler.clientKey(InetAddress.getByName("2001:db8:1:2:ffff::9"));

        assertThat(one).isEqualTo(other).isEqualTo("20010db800010002::/64");
        assertThat(LoginThrottleHandler.clientKey(InetAddress.getByName("127.0.0.2")))
                .isEqualTo("127.0.0.2");
    }
}
