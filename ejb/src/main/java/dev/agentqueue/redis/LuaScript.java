package dev.agentqueue.redis;

import dev.agentqueue.trace.Tracing;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.sync.RedisScriptingCommands;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script shipped as a class-path resource, run by its SHA-1 and sent in full only when Redis has not
 * cached it yet (after a restart, for example). Each run is a span named after the script.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /** Loads the script {@code dev/agentqueue/redis/<name>.lua} from the class path. */
    public static LuaScript load(String name) {
        String path = "/dev/agentqueue/redis/" + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing Lua script " + path);
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Lua script " + path, e);
        }
    }

    /** Runs the script and returns its multi-bulk reply. */
    public List<Object> run(RedisScriptingCommands<String, String> redis, String[] keys, String... args) {
        return Tracing.within(span(), () -> {
            try {
                return redis.evalsha(sha, ScriptOutputType.MULTI, keys, args);
            } catch (RedisNoScriptException e) {
                return redis.eval(source, ScriptOutputType.MULTI, keys, args);
            }
        });
    }

    /** Runs the script and returns its integer reply. */
    public long runForLong(RedisScriptingCommands<String, String> redis, String[] keys, String... args) {
        Long reply = Tracing.within(span(), () -> {
            try {
                return redis.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args);
            } catch (RedisNoScriptException e) {
                return redis.<Long>eval(source, ScriptOutputType.INTEGER, keys, args);
            }
        });
        return reply == null ? 0 : reply;
    }

    /**
     * Runs the script without waiting for its reply; used for follow-ups whose failure is tolerable. Never
     * blocks the calling thread or Lettuce's I/O threads.
     */
    public CompletionStage<Long> runAsync(
            RedisScriptingAsyncCommands<String, String> redis, String[] keys, String... args) {
        Span span = span();
        return redis.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args)
                .handle((reply, error) -> error == null
                        ? CompletableFuture.completedFuture(reply)
                        : redis.<Long>eval(source, ScriptOutputType.INTEGER, keys, args)
                                .toCompletableFuture())
                .thenCompose(stage -> stage)
                .whenComplete((reply, error) -> {
                    if (error != null) {
                        Tracing.failed(span, error);
                    }
                    span.end();
                });
    }

    private Span span() {
        return Tracing.span("redis " + name, SpanKind.CLIENT)
                .setAttribute("db.system", "redis")
                .setAttribute("db.operation.name", "EVALSHA")
                .startSpan();
    }

    public String name() {
        return name;
    }

    public String sha() {
        return sha;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
