package dev.agentqueue.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackUrlsTest {

    private static final List<String> HOOKS = List.of("hooks.example.com", "*.partner.example");

    @Test
    void anHttpsUrlOnAnAllowedHostPasses() {
        assertThat(CallbackUrls.check("https://hooks.example.com/agentqueue?x=1", HOOKS)
                        .getPort())
                .isEqualTo(-1);
        assertThat(CallbackUrls.check("HTTP://HOOKS.example.com:8443/done", HOOKS)
                        .getHost())
                .isEqualTo("HOOKS.example.com");
    }

    @Test
    void aWildcardEntryAllowsSubdomainsButNotTheDomainItself() {
        assertThat(CallbackUrls.check("https://eu.partner.example/cb", HOOKS)).isNotNull();
        assertThatThrownBy(() -> CallbackUrls.check("https://partner.example/cb", HOOKS))
                .hasMessageContaining("not allowed");
        assertThatThrownBy(() -> CallbackUrls.check("https://evilpartner.example/cb", HOOKS))
                .hasMessageContaining("not allowed");
    }

    @Test
    void withoutAnAllowListNoUrlPassesAndAStarLetsAnyHostPass() {
        assertThatThrownBy(() -> CallbackUrls.check("https://hooks.example.com/", List.of()))
                .hasMessageContaining("callbacks are off");
        assertThat(CallbackUrls.check("http://10.0.0.7/x", List.of("*"))).isNotNull();
    }

    @Test
    void internalHostsOffTheListAreRefused() {
        assertThatThrownBy(() -> CallbackUrls.check("http://169.254.169.254/latest/meta-data", HOOKS))
                .hasMessageContaining("169.254.169.254 is not allowed");
        assertThatThrownBy(() -> CallbackUrls.check("http://localhost:9990/management", HOOKS))
                .hasMessageContaining("not allowed");
    }

    @Test
    void relativeOtherSchemeHostlessAndMalformedUrlsAreRefused() {
        assertThatThrownBy(() -> CallbackUrls.check("/callbacks", HOOKS)).hasMessageContaining("absolute http");
        assertThatThrownBy(() -> CallbackUrls.check("ftp://hooks.example.com/x", HOOKS))
                .hasMessageContaining("absolute http");
        assertThatThrownBy(() -> CallbackUrls.check("file:///etc/passwd", HOOKS))
                .hasMessageContaining("absolute http");
        assertThatThrownBy(() -> CallbackUrls.check("http:///nohost", HOOKS)).hasMessageContaining("host");
        assertThatThrownBy(() -> CallbackUrls.check("http://hooks.example.com/a b", HOOKS))
                .hasMessageContaining("not a URL");
        assertThatThrownBy(() -> CallbackUrls.check("", HOOKS)).hasMessageContaining("characters");
        assertThatThrownBy(() -> CallbackUrls.check("https://hooks.example.com/" + "a".repeat(2048), HOOKS))
                .hasMessageContaining("characters");
    }

    @Test
    void aUrlWithCredentialsIsRefusedBecauseTheTaskShowsIt() {
        assertThatThrownBy(() -> CallbackUrls.check("https://user:pw@hooks.example.com/", HOOKS))
                .hasMessageContaining("credentials");
    }
}
