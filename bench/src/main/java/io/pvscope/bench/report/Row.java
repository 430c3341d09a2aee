package io.pvscope.bench.report;

/**
 * One line of the table. {@code ratio} is the subject over its baseline, measured in the same run;
 * {@code verdict} is "met", "missed by …" or "-" where the issue sets no target.
 */
public record Row(String section, String what, String subject, String baseline, String ratio, String target,
                  String verdict) {

    public static Row failed(String section, String what, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new Row(section, what, "FAILED: " + reason.lines().findFirst().orElse(""), "", "", "", "not measured");
    }
}
