package dev.agentqueue.api.security;

import dev.agentqueue.api.problem.Problem;
import dev.agentqueue.support.Durations;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Installs the {@link LoginThrottle} in front of the container's authentication of this web application, on
 * WildFly's servlet container (Undertow), which finds this extension through {@code META-INF/services}. Settings
 * come from MicroProfile Config ({@code agentqueue.security.login-throttle.*}).
 */
public final class LoginThrottleExtension implements ServletExtension {

    private static final Logger LOG = Logger.getLogger(LoginThrottleExtension.class.getName());
    private static final String PREFIX = "agentqueue.security.login-throttle.";

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext servletContext) {
        Config config = ConfigProvider.getConfig(deployment.getClassLoader());
        int maxFailures = config.getOptionalValue(PREFIX + "max-failures", Integer.class)
                .orElse(LoginThrottle.DEFAULT_MAX_FAILURES);
        Duration window = config.getOptionalValue(PREFIX + "window", String.class)
                .map(Durations::parse)
                .orElse(LoginThrottle.DEFAULT_WINDOW);
        int maxTracked = config.getOptionalValue(PREFIX + "max-tracked", Integer.class)
                .orElse(LoginThrottle.DEFAULT_MAX_TRACKED);
        Set<String> trusted = config.getOptionalValue(PREFIX + "trusted-addresses", String.class)
                .map(list -> Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(address -> !address.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
        if (maxFailures <= 0) {
            LOG.warning("Login throttle is off (" + PREFIX + "max-failures=" + maxFailures + ")");
            return;
        }
        LoginThrottle throttle = new LoginThrottle(maxFailures, window, maxTracked, System::nanoTime);
        String refusal = Problem.of(
                        429,
                        "too-many-failed-logins",
                        "Too many failed logins",
                        "Too many failed logins from this address; logins from it are refused until the time in"
                                + " Retry-After has passed")
                .body();
        deployment.addInitialHandlerChainWrapper(next -> new LoginThrottleHandler(next, throttle, trusted, refusal));
        LOG.info(() -> "Login throttle: " + maxFailures + " failed logins per client address within " + window
                + (trusted.isEmpty() ? "" : "; never throttled: " + trusted));
    }
}
