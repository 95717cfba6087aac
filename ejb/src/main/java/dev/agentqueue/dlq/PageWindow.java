package dev.agentqueue.dlq;

import dev.agentqueue.support.PageCursor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Picks one page of dead letters, oldest first, from letters offered in any order: it holds at most one page and
 * one more, however many letters go past, so listing a queue of a million letters needs no more memory than a page.
 */
final class PageWindow {

    /** Orders dead letters oldest first; the task id breaks ties, as in {@link PageCursor}. */
    static final Comparator<DeadLetter> ORDER = Comparator.comparingLong(DeadLetter::deadLetteredAt)
            .thenComparing(DeadLetter::taskId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final int limit;
    private final PageCursor after;
    /** The newest kept letter on top, so it is the one dropped when a older one arrives. */
    private final PriorityQueue<DeadLetter> kept;

    PageWindow(int limit, PageCursor after) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.after = after;
        this.kept = new PriorityQueue<>(limit + 1, ORDER.reversed());
    }

    /** Considers one letter for the page. */
    void offer(DeadLetter letter) {
        if (after != null && !isAfter(letter, after)) {
            return;
        }
        if (kept.size() <= limit) {
            kept.add(letter);
        } else if (ORDER.compare(letter, kept.peek()) < 0) {
            kept.poll();
            kept.add(letter);
        }
    }

    /** Returns the page's letters, oldest first. */
    List<DeadLetter> letters() {
        List<DeadLetter> sorted = sorted();
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    /** Returns the cursor of the next page, or {@code null} when this page is the last. */
    String nextCursor() {
        List<DeadLetter> sorted = sorted();
        if (sorted.size() <= limit) {
            return null;
        }
        DeadLetter last = sorted.get(limit - 1);
        return last.taskId() == null ? null : new PageCursor(last.deadLetteredAt(), last.taskId()).encode();
    }

    private List<DeadLetter> sorted() {
        List<DeadLetter> sorted = new ArrayList<>(kept);
        sorted.sort(ORDER);
        return sorted;
    }

    private static boolean isAfter(DeadLetter letter, PageCursor cursor) {
        if (letter.deadLetteredAt() != cursor.position()) {
            return letter.deadLetteredAt() > cursor.position();
        }
        return letter.taskId() != null && letter.taskId().compareTo(cursor.id()) > 0;
    }
}
