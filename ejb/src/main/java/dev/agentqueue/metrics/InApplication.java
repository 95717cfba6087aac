package dev.agentqueue.metrics;

import java.util.function.DoubleSupplier;

/**
 * Runs a gauge's reading as part of the application. The server scrapes on a management thread, where the
 * application's beans cannot be reached (CDI finds an application's contexts through the thread's context class
 * loader); the reading runs with the application's class loader as that for its duration.
 */
final class InApplication {

    private InApplication() {}

    /** Returns {@code reading}'s value, read with the application's class loader; NaN when it fails. */
    static double value(DoubleSupplier reading) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(InApplication.class.getClassLoader());
        try {
            return reading.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
