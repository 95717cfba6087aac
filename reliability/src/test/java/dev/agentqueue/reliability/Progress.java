package dev.agentqueue.reliability;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Prints the suite's progress to the build log, so a CI reader can follow each scenario step by step. */
final class Progress {

    private Progress() {}

    /** Prints one line, stamped with the wall-clock time. */
    static void say(String format, Object... args) {
        System.out.printf(
                "[reliability %s] %s%n", LocalTime.now().truncatedTo(ChronoUnit.MILLIS), String.format(format, args));
        System.out.flush();
    }
}
