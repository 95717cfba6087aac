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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ArchiveFormat;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The REST API's endpoints as {@code "METHOD path/template"} (relative to {@code api/v1/}), read from what ships:
 * the JAX-RS resource methods in the EAR's web module, and the paths of the OpenAPI document. Tests compare both
 * with their own expectations, so an endpoint nobody thought about fails a test.
 */
public final class ApiEndpoints {

    private static final String CLASSES = "/WEB-INF/classes/";
    private static final Pattern OPENAPI_PATH = Pattern.compile("^  /(\\S+):\\s*$");
    private static final Pattern OPENAPI_METHOD = Pattern.compile("^    (get|put|post|delete|patch|head|options):.*$");

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

    /** Returns every operation of an OpenAPI document (YAML, two-space indentation as ours is written). */
    public static Set<String> ofOpenApi(String document) {
        Set<String> endpoints = new TreeSet<>();
        String path = null;
        for (String line : document.split("\n")) {
            Matcher pathLine = OPENAPI_PATH.matcher(line);
            if (pathLine.matches()) {
                path = pathLine.group(1);
                continue;
            }
            Matcher methodLine = OPENAPI_METHOD.matcher(line);
            if (path != null && methodLine.matches()) {
                endpoints.add(methodLine.group(1).toUpperCase(java.util.Locale.ROOT) + " " + path);
            } else if (!line.startsWith(" ") && !line.isBlank()) {
                path = null; // a new top-level section: the paths are over
            }
        }
        return endpoints;
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
