package dev.agentqueue.contract.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/**
 * The in-process all-MiniLM-L6-v2 (quantized) model, read from its Maven artifact on first use and then shared by
 * every task. It runs on the calling worker thread, so no unmanaged threads are started in the server.
 */
@ApplicationScoped
public class LocalEmbeddingModel {

    /** The model's name as reported in results. */
    public static final String MODEL_NAME = "all-minilm-l6-v2-q";

    private static final Logger LOG = Logger.getLogger(LocalEmbeddingModel.class.getName());

    private volatile EmbeddingModel model;

    /** Returns the model, loading it once (about a second) on first use. */
    public EmbeddingModel model() {
        EmbeddingModel current = model;
        if (current == null) {
            synchronized (this) {
                current = model;
                if (current == null) {
                    long start = System.nanoTime();
                    current = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
                    model = current;
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    LOG.info(() -> "Embedding model " + MODEL_NAME + " loaded in " + millis + " ms");
                }
            }
        }
        return current;
    }
}
