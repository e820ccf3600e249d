package dev.tollgate.archfixture.adapter.out.provider;

/** Wrong: writes to standard output instead of logging. */
public class PrintsToConsole {

    void report(String message) {
        System.out.println(message);
    }
}
