package dev.berth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.domain.Printable;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Writes one JSON document per command to stdout; and keeps what reaches a terminal from driving it. */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;

    Output(PrintWriter out) {
        this.out = out;
    }

    void json(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Names from a listing: the valid ones on stdout (one a line, or a JSON array), each invalid one
     * as a warning on {@code err}, escaped, so stdout never holds a name a script could not use and
     * a newline in a name cannot fake a line. {@code problem} says what is wrong with a name.
     */
    void names(List<String> names, Function<String, Optional<String>> problem, boolean json, PrintWriter err) {
        List<String> valid = names.stream().filter(n -> problem.apply(n).isEmpty()).toList();
        for (String name : names) {
            problem.apply(name).ifPresent(why -> err.println("berth: warning: skipped " + Printable.quoted(name) + " (invalid name: "
                    + why + ")"));
        }
        if (json) json(valid);
        else valid.forEach(out::println);
    }

    /** Rows in columns as wide as their widest cell, two spaces apart; the first row is the header. */
    void table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * {@code target} behind a filter that escapes every character a terminal would act on (escape
     * sequences, carriage returns, bells, C1 controls, bidi overrides): whatever a registry put in a
     * name or an error text, the CLI prints it visibly instead. Line feeds pass, as do tabs.
     */
    static PrintWriter terminalSafe(PrintWriter target) {
        return new PrintWriter(new EscapingWriter(target), true);
    }

    private static final class EscapingWriter extends FilterWriter {
        private final boolean crlf = System.lineSeparator().equals("\r\n");

        EscapingWriter(Writer target) {
            super(target);
        }

        @Override
        public void write(int c) throws IOException {
            char ch = (char) c;
            if (ch == '\n' || ch == '\t' || ch == '\r' && crlf || !Printable.isUnsafe(ch)) {
                out.write(c);
            } else {
                StringBuilder escaped = new StringBuilder(6);
                Printable.appendSafe(escaped, ch);
                out.write(escaped.toString());
            }
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) write(buffer[i]);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) write(text.charAt(i));
        }
    }
}
