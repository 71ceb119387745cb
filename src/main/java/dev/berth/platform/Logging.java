package dev.berth.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Points Logback at a log directory: {@code name.log}, rotated by size into {@code name.1.log} …
 * {@code name.4.log}, so the logs never hold more than about 25 MB. The one class that knows the logging
 * back end; everything else logs through SLF4J. What is logged never carries a secret: the registry client
 * logs method, host, path and status, never headers, query strings or bodies.
 */
public final class Logging {

    static final FileSize MAX_FILE_SIZE = FileSize.valueOf("5MB");
    static final int ROTATED_FILES = 4;
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} - %msg%n";

    private Logging() {}

    /**
     * Logs to {@code directory/name.log} from now on, at DEBUG when {@code verbose}, else INFO. Returns the file,
     * or nothing when the directory cannot be created: Berth then runs without a log rather than not at all.
     */
    public static Optional<Path> writeTo(Path directory, String name, boolean verbose) {
        try {
            PrivateDirectories.create(directory);
        } catch (IOException e) {
            System.err.println("berth: cannot write logs to " + directory + " (" + e.getMessage() + "); running without a log");
            return Optional.empty();
        }
        Path file = directory.resolve(name + ".log");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(directory.resolve(name + ".%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(ROTATED_FILES);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(MAX_FILE_SIZE);
        trigger.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.DEBUG : Level.INFO);
        root.addAppender(appender);
        // OkHttp and friends say little at INFO; their DEBUG is noise even when Berth's own is wanted.
        context.getLogger("okhttp3").setLevel(Level.INFO);
        return Optional.of(file);
    }

    /** Stops logging and closes the file (tests, and the end of a CLI run). */
    public static void off() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
    }

    /** True when {@code BERTH_LOG_LEVEL} asks for debug logging. */
    public static boolean verboseRequested(java.util.Map<String, String> env) {
        return "debug".equalsIgnoreCase(env.getOrDefault("BERTH_LOG_LEVEL", ""));
    }
}
