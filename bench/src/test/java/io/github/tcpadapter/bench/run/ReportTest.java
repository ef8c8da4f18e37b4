package io.github.tcpadapter.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final Report.Columns COLUMNS = new Report.Columns("server", "connections", "requests/s", false);

    @Test
    void aBrokenRowIsNamedAndGivenNoRatio() {
        Report report = new Report();
        report.add(Cells.measurement("inbound", Subjects.NETTY, 1_000, 1, 100, 100_000, 0));
        report.add(Cells.measurement("inbound", Subjects.SPRING, 1_000, 1, 1_000_000, 1, 990));

        String table = report.table("inbound", COLUMNS, List.of(Subjects.NETTY, Subjects.SPRING), Subjects.NETTY);

        assertThat(table).contains("| " + Subjects.SPRING
                + " | 1,000 | 64 | broken: 990 of 1,000 connections never answered | – | – | – |");
        assertThat(table).contains(
                "| " + Subjects.NETTY + " | 1,000 | 64 | 100,000 (100,000–100,000) | 100 | 100 | 1.00 |");
    }

    @Test
    void everyRepetitionWithConnectionsThatNeverAnsweredIsListedUnderItsTable() {
        Report report = new Report();
        report.add(Cells.measurement("inbound", Subjects.NETTY, 1_000, 1, 100, 100_000, 0));
        report.add(Cells.measurement("inbound", Subjects.MDB, 1_000, 1, 100, 50_000, 10));
        report.add(Cells.measurement("inbound", Subjects.SPRING, 1_000, 1, 1_000_000, 1, 990));

        assertThat(report.errors("inbound").lines().toList()).containsExactly(
                "UNANSWERED: " + Subjects.MDB + ", 1,000 × 64 B, repetition 1: 0 calls failed, 50,000 answered in the "
                        + "measured time, 0 outstanding at its end, 10 of 1,000 never answered",
                "BROKEN: " + Subjects.SPRING + ", 1,000 × 64 B, repetition 1: 0 calls failed, 1 answered in the "
                        + "measured time, 0 outstanding at its end, 990 of 1,000 never answered");
    }

    @Test
    void aBrokenCellIsLeftOutOfTheChartsSeriesNotDrawnAsZero() {
        Report report = new Report();
        report.add(Cells.measurement("inbound", Subjects.SPRING, 1, 1, 100, 5_000, 0));
        report.add(Cells.measurement("inbound", Subjects.SPRING, 1_000, 1, 1_000_000, 1, 990));

        Map<String, Map<String, Double>> series = report.chartSeries("inbound", List.of(Subjects.SPRING), 64,
                CellSummary::rps);

        assertThat(series.get(Subjects.SPRING)).containsEntry("1", 5_000.0).containsEntry("1,000", null);
        assertThat(report.brokenCells("inbound", List.of(Subjects.SPRING), 64))
                .containsExactly(Subjects.SPRING + " at 1,000");
    }

    @Test
    void theIdleTableGivesTheAdapterOverNetty() {
        Report report = new Report();
        report.idle(Subjects.IDLE_ADAPTER, new Report.Idle(10_000, 0, 24_000_000, 100, 100));
        report.idle(Subjects.IDLE_NETTY, new Report.Idle(10_000, 0, 20_000_000, 20, 20));

        assertThat(report.idleTable()).contains("| " + Subjects.IDLE_ADAPTER
                + " | 10,000 | 0.0 MiB | 22.9 MiB | 2,400 B | 100 / 100 | 1.20 |");
    }
}
