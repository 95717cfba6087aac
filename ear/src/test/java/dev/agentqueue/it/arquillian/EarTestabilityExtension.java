package dev.agentqueue.it.arquillian;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link EarTestClassAppender} with Arquillian (listed in META-INF/services). */
public class EarTestabilityExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(ApplicationArchiveProcessor.class, EarTestClassAppender.class);
    }
}
