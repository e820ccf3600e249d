package dev.tollgate.archfixture.adapter.out.provider;

import java.util.logging.Logger;

/** Wrong: java.util.logging instead of SLF4J. */
public class LogsWithJavaUtilLogging {

    private static final Logger LOG = Logger.getLogger(LogsWithJavaUtilLogging.class.getName());

    void report(String message) {
        LOG.info(message);
    }
}
