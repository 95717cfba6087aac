package dev.agentqueue.it.arquillian;

import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Adds the test class to the web module of an EAR deployment that is marked with {@link Testable#archiveToTest}.
 * Arquillian does this by itself only for WAR and JAR deployments; without it an in-container test in an EAR fails
 * with {@code ClassNotFoundException} for its own class.
 */
public class EarTestClassAppender implements ApplicationArchiveProcessor {

    @Override
    public void process(Archive<?> applicationArchive, TestClass testClass) {
        if (!(applicationArchive instanceof EnterpriseArchive)) {
            return;
        }
        for (ArchivePath path :
                applicationArchive.getContent(Filters.include(".*\\.war")).keySet()) {
            WebArchive web = applicationArchive.getAsType(WebArchive.class, path);
            if (web != null && Testable.isArchiveToTest(web)) {
                web.addClass(testClass.getJavaClass());
            }
        }
    }
}
