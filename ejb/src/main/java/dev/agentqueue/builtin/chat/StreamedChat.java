package dev.agentqueue.builtin.chat;

import dev.agentqueue.contract.TaskContext;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One chat call whose answer streams in: each piece goes to the task's live events as it arrives
 * ({@link TaskContext#output}), and the call returns the whole answer, as an unstreamed call would.
 */
final class StreamedChat {

    private StreamedChat() {}

    /** Sends {@code request} and returns the complete answer; a failed call throws what the model reported. */
    static ChatResponse call(StreamingChatModel model, ChatRequest request, TaskContext task) {
        CompletableFuture<ChatResponse> answer = new CompletableFuture<>();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                task.output(text);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                answer.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                answer.completeExceptionally(error);
            }
        });
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            // The attempt's timeout or a shutdown: the runner decides what the attempt counts as.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the answer streamed in", e);
        }
    }
}
