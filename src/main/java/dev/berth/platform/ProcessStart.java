package dev.berth.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When this process started, to the clock tick. {@code ProcessHandle.info().startInstant()} adds the start's
 * offset to the boot time of {@code /proc/stat}, which the kernel gives in whole seconds: on Linux every duration
 * measured from it is too long by up to a second (0.89 s on the machine where this was found), the same for every
 * process, which made two start-up times look closer than they are. Here the offset is taken from
 * {@code /proc/uptime} instead, which has the start's clock (the time since boot) to the hundredth of a second.
 */
public final class ProcessStart {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s start time: USER_HZ, 100 on every Linux architecture Berth ships for. */
    static final int TICKS_PER_SECOND = 100;

    private ProcessStart() {}

    /** This process's start: from {@code /proc} on Linux, else (or if {@code /proc} cannot be read) from the JDK. */
    public static Optional<Instant> current() {
        try {
            return Optional.of(fromProc(Files.readString(Path.of("/proc/self/stat")), Files.readString(Path.of("/proc/uptime")), Instant.now()));
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().info().startInstant();
        }
    }

    /** The time from this process's start to now, in milliseconds; -1 when the start is unknown. */
    public static long millisSinceStart() {
        return current().map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
    }

    /**
     * The start of the process whose {@code /proc/<pid>/stat} is {@code stat}, given {@code /proc/uptime} read at
     * {@code now}. The start time is the 22nd field, counted after the command name, which is in parentheses and may
     * itself hold spaces and parentheses: so the fields are counted from the last ')'.
     */
    static Instant fromProc(String stat, String uptime, Instant now) {
        int commandEnd = stat.lastIndexOf(')');
        if (commandEnd < 0) throw new IllegalArgumentException("no command name in /proc/self/stat");
        String[] fields = stat.substring(commandEnd + 1).trim().split("\\s+");
        long startTicks = Long.parseLong(fields[22 - 3]); // fields[0] is the 3rd field (state)
        double secondsSinceBoot = Double.parseDouble(uptime.trim().split("\\s+")[0]);
        long millisSinceStart = Math.round(secondsSinceBoot * 1000) - startTicks * 1000 / TICKS_PER_SECOND;
        if (millisSinceStart < 0) throw new IllegalArgumentException("the process started after /proc/uptime was read");
        return now.minusMillis(millisSinceStart);
    }
}
