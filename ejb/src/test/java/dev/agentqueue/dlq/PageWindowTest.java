package dev.agentqueue.dlq;

import static dev.agentqueue.dlq.DeadLetterBuilder.aDeadLetter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentqueue.support.PageCursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageWindowTest {

    private final List<DeadLetter> letters = IntStream.range(0, 1_000)
            .mapToObj(i -> aDeadLetter().at(10_000 + i / 3).build())
            .toList();

    @Test
    void aPageIsTheOldestLettersWhateverOrderTheyStreamIn() {
        List<DeadLetter> shuffled = new ArrayList<>(letters);
        Collections.shuffle(shuffled, new Random(7));
        PageWindow window = new PageWindow(25, null);

        shuffled.forEach(window::offer);

        assertThat(window.letters()).containsExactlyElementsOf(sorted().subList(0, 25));
        assertThat(window.nextCursor()).isNotNull();
    }

    @Test
    void followingCursorsVisitEveryLetterOnceInOrder() {
        List<DeadLetter> visited = new ArrayList<>();
        PageCursor cursor = null;
        do {
            PageWindow window = new PageWindow(7, cursor);
            letters.forEach(window::offer);
            visited.addAll(window.letters());
            cursor = window.nextCursor() == null ? null : PageCursor.decode(window.nextCursor());
        } while (cursor != null);

        assertThat(visited).containsExactlyElementsOf(sorted());
    }

    @Test
    void theLastPageHasNoNextCursor() {
        PageWindow window = new PageWindow(1_000, null);

        letters.forEach(window::offer);

        assertThat(window.letters()).hasSize(1_000);
        assertThat(window.nextCursor()).isNull();
    }

    private List<DeadLetter> sorted() {
        List<DeadLetter> sorted = new ArrayList<>(letters);
        sorted.sort(PageWindow.ORDER);
        return sorted;
    }
}
