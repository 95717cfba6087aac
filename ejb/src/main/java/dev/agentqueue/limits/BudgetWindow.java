package dev.agentqueue.limits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One calendar window a token budget counts in: a UTC day or a UTC month, named by its date ({@code 2026-12-07}) or
 * month ({@code 2026-12}), ending (and refilling) at {@code endMs}.
 */
public record BudgetWindow(String id, long endMs) {

    /** Returns the UTC day that holds {@code nowMs}. */
    public static BudgetWindow day(long nowMs) {
        LocalDate date = date(nowMs);
        return new BudgetWindow(date.toString(), startMs(date.plusDays(1)));
    }

    /** Returns the UTC month that holds {@code nowMs}. */
    public static BudgetWindow month(long nowMs) {
        LocalDate first = date(nowMs).withDayOfMonth(1);
        return new BudgetWindow(first.toString().substring(0, 7), startMs(first.plusMonths(1)));
    }

    private static LocalDate date(long epochMs) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }

    private static long startMs(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
