package io.github.tcpadapter.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static final String AT_ONE = "inbound NOT_SUPPORTED MDB ≥ 0.75× Netty at 1 connection";
    private static final String SPRING_AT_THOUSAND = "inbound NOT_SUPPORTED MDB ≥ 5× Spring at 1,000 connections";

    @Test
    void onlyAFullRunOfACleanCommitJudges() {
        assertThat(Targets.notJudged(false, false, "abc1234")).isNull();
        assertThat(Targets.notJudged(true, false, "abc1234")).isEqualTo("not judged (quick run)");
        assertThat(Targets.notJudged(false, false, "abc1234-dirty")).isEqualTo("not judged (dirty tree)");
        assertThat(Targets.notJudged(true, false, "abc1234-dirty")).isEqualTo("not judged (quick run, dirty tree)");
        assertThat(Targets.notJudged(false, true, "abc1234")).isEqualTo("not judged (partial run)");
        assertThat(Targets.notJudged(false, false, "unknown")).isEqualTo("not judged (commit unknown)");
    }

    @Test
    void theRatioIsAgainstTheLimitOfTheSameLoadInTheSameRun() {
        Report report = new Report();
        report.add(Cells.measurement("inbound", Subjects.NETTY, 1, 1, 50, 10_000, 0));
        report.add(Cells.measurement("inbound", Subjects.MDB, 1, 1, 50, 8_000, 0));
        report.add(Cells.measurement("inbound", Subjects.NETTY, 100, 1, 50, 100_000, 0));

        assertThat(row(Targets.judge(report, null), AT_ONE))
                .isEqualTo(new Targets.Row(AT_ONE, "0.80×", Targets.MET));
        assertThat(row(Targets.judge(report, "not judged (quick run)"), AT_ONE).verdict())
                .isEqualTo("not judged (quick run)");
    }

    @Test
    void aTargetBelowItsBoundIsNotMet() {
        Report report = new Report();
        report.add(Cells.measurement("inbound", Subjects.NETTY, 1, 1, 50, 10_000, 0));
        report.add(Cells.measurement("inbound", Subjects.MDB, 1, 1, 50, 7_000, 0));

        assertThat(row(Targets.judge(report, null), AT_ONE).verdict()).isEqualTo(Targets.NOT_MET);
    }

    @Test
    void aBrokenCellNeverMeetsATarget() {
        // the MDB is 1,000× Spring's rate, but most of Spring's connections never answered: nothing was measured
        Report report = new Report();
        report.add(Cells.measurement("inbound", Subjects.SPRING, 1_000, 1, 1_000_000, 1, 990));
        report.add(Cells.measurement("inbound", Subjects.MDB, 1_000, 1, 30_000, 1_000, 0));

        Targets.Row row = row(Targets.judge(report, null), SPRING_AT_THOUSAND);
        assertThat(row.verdict()).isEqualTo("not met (broken cell)");
        assertThat(row.measured()).contains("broken: 990 of 1,000 connections never answered");
    }

    @Test
    void aTargetWhoseCellsWereNotMeasuredSaysSo() {
        assertThat(row(Targets.judge(new Report(), null), AT_ONE).verdict()).isEqualTo(Targets.NOT_MEASURED);
    }

    @Test
    void theIdleTargetComparesTheAdaptersBytesPerConnectionWithNettys() {
        Report report = new Report();
        report.idle(Subjects.IDLE_ADAPTER, new Report.Idle(10_000, 0, 25_000_000, 100, 100));
        report.idle(Subjects.IDLE_NETTY, new Report.Idle(10_000, 0, 20_000_000, 20, 20));

        Targets.Row row = row(Targets.judge(report, null), "idle bytes per connection ≤ 1.2× Netty's");
        assertThat(row.measured()).endsWith("= 1.25×");
        assertThat(row.verdict()).isEqualTo(Targets.NOT_MET);
    }

    private static Targets.Row row(List<Targets.Row> rows, String target) {
        return rows.stream().filter(row -> row.target().equals(target)).findFirst().orElseThrow();
    }
}
