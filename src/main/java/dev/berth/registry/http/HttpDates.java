package dev.berth.registry.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 §5.6.7): the IMF-fixdate everyone sends, and the two obsolete forms a
 * recipient must still accept (RFC 850 with a two-digit year, and C's asctime).
 */
final class HttpDates {

    private static final List<DateTimeFormatter> FORMATS = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, 1970) // RFC 9110: a year over 50 years ahead is in the past
                    .appendPattern(" HH:mm:ss 'GMT'").toFormatter(Locale.US).withZone(ZoneOffset.UTC),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

    private HttpDates() {}

    static Optional<Instant> parse(String text) {
        for (DateTimeFormatter format : FORMATS) {
            try {
                return Optional.of(format.parse(text, Instant::from));
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
