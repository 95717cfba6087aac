package dev.agentqueue.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.shrinkwrap.api.ArchiveFormat;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.yaml.snakeyaml.Yaml;

/**
 * The REST API's endpoints as {@code "METHOD path/template"} (relative to {@code api/v1/}), read from what ships:
 * the JAX-RS resource methods in the EAR's web module, and the operations of the OpenAPI document with their roles. Tests compare both
 * with their own expectations, so an endpoint nobody thought about fails a test.
 */
public final class ApiEndpoints {

    private static final String CLASSES = "/WEB-INF/classes/";
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private ApiEndpoints() {}

    /** Returns every resource method of the web module in {@code ear} named {@code webModule}. */
    public static Set<String> ofResources(EnterpriseArchive ear, String webModule) {
        WebArchive web = ear.getAsType(WebArchive.class, ArchivePaths.create(webModule), ArchiveFormat.ZIP);
        Path classes = extractClasses(web);
        Set<String> endpoints = new TreeSet<>();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, ApiEndpoints.class.getClassLoader())) {
            for (String name : classNames(web)) {
                Class<?> type = Class.forName(name, false, loader);
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    String http = httpMethod(method);
                    if (http != null) {
                        jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                        endpoints.add(http + " " + join(root.value(), sub == null ? "" : sub.value()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return endpoints;
    }

    /**
     * An operation of the OpenAPI document: its endpoint, whether it is public ({@code security: []}) and the roles its
     * security requirement names.
     */
    public record DocumentedOperation(String endpoint, boolean open, Set<String> roles) {}

    /** Returns every operation of an OpenAPI document (YAML), by endpoint. */
    public static Map<String, DocumentedOperation> ofOpenApi(String document) {
        Map<String, Object> root = new Yaml().load(document);
        Map<String, DocumentedOperation> operations = new TreeMap<>();
        map(root.get("paths"))
                .forEach((path, item) -> map(item).forEach((method, operation) -> {
                    if (HTTP_METHODS.contains(method)) {
                        String endpoint = method.toUpperCase(Locale.ROOT) + " " + strip(path);
                        operations.put(
                                endpoint, documented(endpoint, map(operation).get("security")));
                    }
                }));
        return operations;
    }

    private static DocumentedOperation documented(String endpoint, Object security) {
        List<?> requirements = security == null ? List.of() : (List<?>) security;
        Set<String> roles = new TreeSet<>();
        requirements.forEach(requirement -> map(requirement)
                .values()
                .forEach(scopes -> ((List<?>) scopes).forEach(role -> roles.add(String.valueOf(role)))));
        return new DocumentedOperation(endpoint, security != null && requirements.isEmpty(), roles);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            jakarta.ws.rs.HttpMethod http = annotation.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = (strip(root) + "/" + strip(sub));
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String strip(String segment) {
        String s = segment.startsWith("/") ? segment.substring(1) : segment;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static Set<String> classNames(WebArchive web) {
        Set<String> names = new TreeSet<>();
        web.getContent(path -> path.get().startsWith(CLASSES) && path.get().endsWith(".class"))
                .keySet()
                .forEach(path -> names.add(path.get()
                        .substring(CLASSES.length(), path.get().length() - ".class".length())
                        .replace('/', '.')));
        return names;
    }

    private static Path extractClasses(WebArchive web) {
        try {
            Path root = Files.createTempDirectory("agentqueue-web-classes");
            for (var entry :
                    web.getContent(path -> path.get().startsWith(CLASSES)).entrySet()) {
                copy(entry.getKey(), entry.getValue(), root);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(ArchivePath path, Node node, Path root) throws IOException {
        if (node.getAsset() == null) {
            return; // a directory
        }
        Path target = root.resolve(path.get().substring(CLASSES.length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = node.getAsset().openStream()) {
            Files.copy(in, target);
        }
    }
}
