using LabRunner.Checking;
using LabRunner.Grading;
using LabRunner.Labs;
using LabRunner.Running;

namespace LabRunner.Tests.Grading;

/// <summary>Points from verdicts: check weights, task points shared among checks, partial credit; and what the loader accepts.</summary>
public sealed class ScoringTests
{
    internal const string Yaml = """
        id: cuentas
        title: Cuentas
        language: es
        feedback: FEEDBACK
        tasks:
          - id: saldos
            title: Saldos
            points: 6
            steps:
              - id: s
                title: S
                sql: SELECT 1;
            checks:
              - id: saldo
                title: Saldo de Ana
                points: 2
                sql: SELECT saldo FROM cuentas WHERE id = 1;
              - id: filas
                title: Cuentas
                sql: SELECT count(*) FROM cuentas;
          - id: indices
            title: Índices
            steps:
              - id: s2
                title: S
                sql: SELECT 1;
            checks:
              - id: indice
                sql: SELECT 1;
              - id: unico
                points: 0.5
                sql: SELECT 1;
        """;

    internal static Lab Lab(string feedback = "differences")
    {
        var result = LabLoader.LoadText(Yaml.Replace("FEEDBACK", feedback, StringComparison.Ordinal), "/labs/cuentas/lab.yaml");
        Assert.True(result.Lab is not null, string.Join("\n", result.Diagnostics));
        return result.Lab!;
    }

    internal static RunSummary Summary(Lab lab, params (string Check, Verdict Verdict)[] verdicts) =>
        new(lab.Id, lab.Title, lab.Tasks.SelectMany(t => t.Checks.Select(c => new RunSummaryEntry(t.Id, c.Id, c.Title, StepKind.Check,
            verdicts.FirstOrDefault(v => v.Check == c.Id).Verdict ?? Verdict.Pass(), "actual of " + c.Id, "expected of " + c.Id, TimeSpan.Zero))).ToList());

    internal static readonly Verdict WrongSaldo = Verdict.Fail(new CellDiffers(1, null, "saldo", new Matcher.Exact(), "650", false, "800"));

    [Fact]
    public void A_task_with_points_shares_them_among_its_checks_by_weight_and_one_without_sums_its_checks()
    {
        var lab = Lab();
        var checks = Scoring.CheckGrades(lab, Summary(lab, ("saldo", WrongSaldo), ("unico", WrongSaldo)), new LabRunFilter(null));
        var tasks = Scoring.TaskGrades(lab, "ana", checks, new LabRunFilter(null));

        Assert.Equal([(4, 0), (2, 2), (1, 1), (0.5, 0)], checks.Select(c => (c.MaxPoints, c.Points)));
        Assert.Equal([("saldos", VerdictStatus.Failed, 2.0, 6.0), ("indices", VerdictStatus.Failed, 1.0, 1.5)],
            tasks.Select(t => (t.Task, t.Status, t.Points, t.MaxPoints)));
        Assert.Equal("saldo", tasks[0].WorstCheck);
    }

    [Fact]
    public void Everything_passing_earns_every_point()
    {
        var lab = Lab();
        var checks = Scoring.CheckGrades(lab, Summary(lab), new LabRunFilter(null));
        var tasks = Scoring.TaskGrades(lab, "ana", checks, new LabRunFilter(null));
        Assert.Equal((7.5, 7.5), (tasks.Sum(t => t.Points), tasks.Sum(t => t.MaxPoints)));
        Assert.All(tasks, t => Assert.True(t.Passed));
    }

    [Fact]
    public void Points_on_a_step_and_an_unknown_feedback_are_errors_at_their_line()
    {
        var bad = LabLoader.LoadText(Yaml.Replace("FEEDBACK", "everything", StringComparison.Ordinal)
            .Replace("    sql: SELECT 1;\n    checks:\n      - id: saldo", "    sql: SELECT 1;\n        points: 3\n    checks:\n      - id: saldo", StringComparison.Ordinal),
            "/labs/cuentas/lab.yaml");
        Assert.Null(bad.Lab);
        var messages = bad.Diagnostics.Select(d => $"{d.Location.Line}: {d.Message}").ToList();
        Assert.Contains("4: bad feedback \"everything\"", messages);
        Assert.Contains("13: \"points\" applies to checks", messages);
        Assert.Equal(FeedbackLevel.ExpectedValues, Lab("expected-values").Feedback);
        Assert.Equal(FeedbackLevel.Summary, Lab("summary").Feedback);
    }
}
