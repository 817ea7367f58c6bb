package io.wagateway.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what one logger (and its children) writes, down to DEBUG, until closed; for log-hygiene assertions. */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level before;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName, Level level) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        before = logger.getLevel();
        appender.start();
        if (level != null) {
            logger.setLevel(level);
        }
        logger.addAppender(appender);
    }

    /** Everything down to DEBUG. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, Level.DEBUG);
    }

    /** What the logger writes at its configured level, i.e. what an operator would see. */
    public static LogCapture asConfigured(String loggerName) {
        return new LogCapture(loggerName, null);
    }

    public List<ILoggingEvent> events() {
        return appender.list;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(before);
    }
}
