package dev.agentqueue.builtin.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The in-process all-MiniLM-L6-v2 (quantized) model, read from its Maven artifact on first use and then shared by
 * every task. It runs on the calling worker thread, so no unmanaged threads are started in the server.
 */
@ApplicationScoped
public class LocalEmbeddingModel {

    /** The model's name as reported in results. */
    public static final String MODEL_NAME = "all-minilm-l6-v2-q";

    private static final Logger LOG = Logger.getLogger(LocalEmbeddingModel.class.getName());

    /** Where DJL extracts its native tokenizer library; read from the environment or a system property. */
    private static final String DJL_CACHE_PROPERTY = "ENGINE_CACHE_DIR";

    private volatile EmbeddingModel model;
    private Path nativeCopy;

    /** Returns the model, loading it once (about a second) on first use. */
    public EmbeddingModel model() {
        EmbeddingModel current = model;
        if (current == null) {
            synchronized (this) {
                current = model;
                if (current == null) {
                    long start = System.nanoTime();
                    current = load();
                    model = current;
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    LOG.info(() -> "Embedding model " + MODEL_NAME + " loaded in " + millis + " ms");
                }
            }
        }
        return current;
    }

    /**
     * Loads the model with DJL's native tokenizer library extracted to a directory of this deployment's own. DJL
     * otherwise extracts it to one fixed path per version, and the JVM lets only one class loader load a given path:
     * after a redeployment, the new application could not load it again.
     */
    private EmbeddingModel load() {
        String previous = System.getProperty(DJL_CACHE_PROPERTY);
        try {
            nativeCopy = Files.createTempDirectory("agentqueue-djl-");
            System.setProperty(DJL_CACHE_PROPERTY, nativeCopy.toString());
            return new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the embedding model's native library", e);
        } finally {
            if (previous == null) {
                System.clearProperty(DJL_CACHE_PROPERTY);
            } else {
                System.setProperty(DJL_CACHE_PROPERTY, previous);
            }
        }
    }

    /** Removes this deployment's copy of the native library; the loaded library stays mapped until unloaded. */
    @PreDestroy
    void removeNativeCopy() {
        if (nativeCopy == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(nativeCopy)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.FINE, "Cannot remove " + nativeCopy, e);
        }
    }
}
