package dev.agentqueue.it;

import dev.agentqueue.it.support.Role;
import dev.agentqueue.testsupport.api.AgentQueueApi;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.ArchiveFormat;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds integration-test deployments from the real {@code agentqueue.ear} that the build just assembled, so the
 * tests exercise exactly what ships.
 *
 * <p>Client-side tests ({@code @Deployment(testable = false)} or {@code @RunAsClient}) deploy {@link #ear()}
 * unchanged. In-container tests deploy {@link #earWith(Class...)}: the web module {@value #WEB_MODULE} is marked as
 * the archive Arquillian adds the test class and its servlet protocol to, so tests run inside the application and
 * can inject its beans.
 */
public final class Deployments {

    /** The web module's file name inside the EAR. */
    public static final String WEB_MODULE = "agentqueue-web.war";

    /** The web module's context root, as set in {@code ear/pom.xml}. */
    public static final String CONTEXT_ROOT = "/agentqueue";

    private static final String EAR_PROPERTY = "agentqueue.it.ear";
    private static final String HTTP_PORT_PROPERTY = "agentqueue.it.http-port";
    private static final String MANAGEMENT_PORT_PROPERTY = "agentqueue.it.management-port";

    private Deployments() {}

    /** Returns the built EAR as is. */
    public static EnterpriseArchive ear() {
        Path ear = Path.of(System.getProperty(EAR_PROPERTY, "target/agentqueue.ear"));
        if (!Files.isRegularFile(ear)) {
            throw new IllegalStateException(ear.toAbsolutePath() + " does not exist; run the ITs through Maven"
                    + " ('./mvnw verify'), which packages the EAR first");
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear.toFile());
    }

    /**
     * Returns the built EAR for in-container tests: the web module is marked as the archive under test, and
     * {@code helpers} (fixtures, builders), the shared test support (REST client, polling) and AssertJ are added to
     * it. The test class itself is added by Arquillian
     * (for an EAR, through {@link dev.agentqueue.it.arquillian.EarTestClassAppender}).
     */
    public static EnterpriseArchive earWith(Class<?>... helpers) {
        EnterpriseArchive ear = ear();
        ArchivePath webPath = ArchivePaths.create(WEB_MODULE);
        if (!ear.contains(webPath)) {
            throw new IllegalStateException("the EAR has no " + WEB_MODULE + ": " + ear.toString(true));
        }
        // The modules of an imported EAR are plain zip entries: import the WAR, change it, put it back.
        WebArchive web = ear.getAsType(WebArchive.class, webPath, ArchiveFormat.ZIP);
        web.addClasses(helpers);
        web.addPackages(true, "dev.agentqueue.testsupport"); // the test-support module
        addTestLibraries(web);
        ear.delete(webPath);
        ear.addAsModule(Testable.archiveToTest(web));
        return ear;
    }

    /** Adds the libraries in-container test code uses beyond what the server provides (AssertJ) to {@code web}. */
    public static WebArchive addTestLibraries(WebArchive web) {
        return web.addAsLibrary(jarContaining(Assertions.class));
    }

    /** Returns the base URL of the deployed application, e.g. {@code http://127.0.0.1:8380/agentqueue/}, for client-side tests. */
    public static URI appUrl() {
        return URI.create("http://127.0.0.1:" + System.getProperty(HTTP_PORT_PROPERTY, "8380") + CONTEXT_ROOT + "/");
    }

    /** Returns the deployed application's REST API, called as the IT client user (may enqueue and read). */
    public static AgentQueueApi api() {
        return AgentQueueApi.at(appUrl(), Role.CLIENT.apiUser());
    }

    /** Returns {@code appUrl()} resolved against a path such as {@code api/v1/health}. */
    public static URI appUrl(String path) {
        return appUrl().resolve(path);
    }

    /** Returns the IT server's management interface URL for {@code path}, such as {@code /health/ready}. */
    public static URI managementUrl(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty(MANAGEMENT_PORT_PROPERTY, "10290") + path);
    }

    private static File jarContaining(Class<?> type) {
        try {
            return new File(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
        }
    }
}
