package io.hatchet.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import io.hatchet.server.config.ServiceConfig.Logging;
import io.hatchet.server.config.ServiceConfig.Syslog;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback, the service's logging backend, from the config file's {@code logging}
 * section: levels for the root and for named loggers, and where the log goes, through Logback's
 * own appenders: standard output in the foreground; in the daemon, a file and/or syslog.
 *
 * <p>Configured in code, not by a {@code logback.xml}: the service's classes are in the
 * library's jar too, and a {@code logback.xml} there would configure the logging of every
 * application that uses the library with Logback.
 */
public final class LogSetup {
  /** The layout of a line in the foreground and in a file. */
  static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0}: %msg%n";
  private static final String STARTUP = "startup";

  private LogSetup() {
  }

  /**
   * Before the config is read: warnings and errors to standard error, so that nothing the
   * libraries log at start is lost and nothing is printed at DEBUG.
   */
  public static void bootstrap() {
    LoggerContext context = reset();
    root(context).setLevel(Level.WARN);
    root(context).addAppender(console(context, "stderr", true));
  }

  /**
   * The foreground: every line to standard output.
   *
   * @param logging the config's logging section
   */
  public static void foreground(Logging logging) {
    LoggerContext context = reset();
    levels(context, logging);
    root(context).addAppender(console(context, "stdout", false));
  }

  /**
   * The daemon: to {@code logging.file} and/or syslog, else to {@code fallbackFile}; and to
   * standard error until {@link #startupDone()}, so that whoever started the daemon sees why it
   * failed to start.
   *
   * @param logging the config's logging section
   * @param fallbackFile the log file when the config names neither a file nor syslog
   * @return where the log goes, in words
   */
  public static String daemon(Logging logging, Path fallbackFile) {
    LoggerContext context = reset();
    levels(context, logging);
    Logger root = root(context);
    StringBuilder where = new StringBuilder();
    Path file = logging.file() != null || logging.syslog() != null ? logging.file() : fallbackFile;
    if (file != null) {
      root.addAppender(file(context, file));
      where.append(file);
    }
    if (logging.syslog() != null) {
      root.addAppender(syslog(context, logging.syslog()));
      Syslog s = logging.syslog();
      where.append(where.length() == 0 ? "" : " and ").append("syslog ").append(s.host())
          .append(':').append(s.port()).append(" (").append(s.facility()).append(", tag ")
          .append(s.tag()).append(')');
    }
    Appender<ILoggingEvent> startup = console(context, "stderr", true);
    startup.setName(STARTUP);
    root.addAppender(startup);
    return where.toString();
  }

  /** Stops the daemon's logging to standard error: it has started. */
  public static void startupDone() {
    Appender<ILoggingEvent> startup = root(context()).getAppender(STARTUP);
    if (startup != null) {
      root(context()).detachAppender(startup);
      startup.stop();
    }
  }

  /** Writes out what is buffered and closes every appender: the last call before exiting. */
  public static void stop() {
    context().stop();
  }

  private static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  private static LoggerContext reset() {
    LoggerContext context = context();
    context.reset();
    return context;
  }

  private static Logger root(LoggerContext context) {
    return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static void levels(LoggerContext context, Logging logging) {
    root(context).setLevel(Level.toLevel(logging.level(), Level.INFO));
    for (Map.Entry<String, String> entry : logging.levels().entrySet()) {
      context.getLogger(entry.getKey()).setLevel(Level.toLevel(entry.getValue(), Level.INFO));
    }
  }

  private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }

  private static Appender<ILoggingEvent> console(LoggerContext context, String name,
      boolean stderr) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName(name);
    console.setTarget(stderr ? "System.err" : "System.out");
    console.setEncoder(encoder(context, PATTERN));
    console.start();
    return console;
  }

  private static Appender<ILoggingEvent> file(LoggerContext context, Path file) {
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder(context, PATTERN));
    appender.start();
    return appender;
  }

  private static Appender<ILoggingEvent> syslog(LoggerContext context, Syslog config) {
    SyslogAppender syslog = new SyslogAppender();
    syslog.setContext(context);
    syslog.setName("syslog");
    syslog.setSyslogHost(config.host());
    syslog.setPort(config.port());
    syslog.setFacility(config.facility());
    // RFC 3164's TAG[pid]: after the timestamp and host that the appender writes itself.
    syslog.setSuffixPattern(config.tag() + "[" + ProcessHandle.current().pid() + "]: "
        + "%-5level %logger{0}: %msg");
    syslog.setStackTracePattern(config.tag() + "[" + ProcessHandle.current().pid() + "]: \t");
    syslog.start();
    return syslog;
  }
}
