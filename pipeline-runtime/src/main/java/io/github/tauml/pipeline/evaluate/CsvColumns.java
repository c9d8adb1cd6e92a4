package io.github.tauml.pipeline.evaluate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a headed CSV into columns by name (commons-csv), with errors that name the file, line and column. */
final class CsvColumns {
    private final Path file;
    private final List<String> header;
    private final List<CSVRecord> rows;

    private CsvColumns(Path file, List<String> header, List<CSVRecord> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    static CSVFormat writeFormat(String... header) {
        return CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator('\n').get();
    }

    static CsvColumns read(Path file, String what) throws EvaluateException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setAllowMissingColumnNames(true).get();   // pandas writes its index under an empty name
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<String> header = new ArrayList<>(parser.getHeaderNames());
            List<CSVRecord> rows = parser.getRecords();
            return new CsvColumns(file, header, rows);
        } catch (NoSuchFileException e) {
            throw new EvaluateException(what + " " + file + " does not exist. Fix: run the step that writes it, or"
                    + " point the evaluation at the right file.");
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new EvaluateException(what + " " + file + " is not a readable CSV with a header line: "
                    + e.getMessage(), e);
        }
    }

    int size() {
        return rows.size();
    }

    boolean has(String column) {
        return header.contains(column);
    }

    void require(String what, String... columns) throws EvaluateException {
        List<String> missing = new ArrayList<>();
        for (String c : columns) {
            if (!has(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new EvaluateException(what + " " + file + " lacks column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " (its header: " + String.join(",", header) + "). Fix: write it"
                    + " with the evaluation's CSV writer, which puts the columns " + String.join(",", columns) + ".");
        }
    }

    float[] floats(String column) throws EvaluateException {
        float[] v = new float[rows.size()];
        for (int i = 0; i < v.length; i++) {
            String s = cell(i, column);
            try {
                v[i] = Float.parseFloat(s);
            } catch (NumberFormatException e) {
                throw bad(i, column, s, "a number");
            }
        }
        return v;
    }

    int[] ints(String column) throws EvaluateException {
        int[] v = new int[rows.size()];
        for (int i = 0; i < v.length; i++) {
            String s = cell(i, column);
            try {
                double d = Double.parseDouble(s);
                if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                    throw bad(i, column, s, "an integer");
                }
                v[i] = (int) d;
            } catch (NumberFormatException e) {
                throw bad(i, column, s, "an integer");
            }
        }
        return v;
    }

    private String cell(int row, String column) throws EvaluateException {
        CSVRecord r = rows.get(row);
        if (!r.isSet(column)) {
            throw new EvaluateException(file + " line " + (r.getRecordNumber() + 1) + ": the row has "
                    + r.size() + " fields, fewer than the " + header.size() + " columns of the header. Fix: rewrite"
                    + " the file; it was probably cut short.");
        }
        return r.get(column);
    }

    private EvaluateException bad(int row, String column, String value, String expected) {
        long line = rows.get(row).getRecordNumber() + 1;
        return new EvaluateException(file + " line " + line + ", column " + column + ": '" + value + "' is not "
                + expected + ". Fix: rewrite the file with the evaluation's CSV writer.");
    }

}
