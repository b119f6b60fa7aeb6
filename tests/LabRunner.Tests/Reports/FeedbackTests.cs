using System.Text.Json;
using LabRunner.Checking;
using LabRunner.Grading;
using LabRunner.Labs;
using LabRunner.Reports;
using LabRunner.Running;
using LabRunner.Tests.Grading;

namespace LabRunner.Tests.Reports;

/// <summary>A student's feedback (Markdown, HTML) and Gradescope's results.json reveal what the lab's `feedback:` allows, in its language.</summary>
public sealed class FeedbackTests
{
    private static StudentGrade Grade(Lab lab, params (string, Verdict)[] verdicts)
    {
        var summary = ScoringTests.Summary(lab, verdicts);
        var checks = Scoring.CheckGrades(lab, summary, new LabRunFilter(null));
        return new StudentGrade(new GradeTarget("ana", "x"), summary, Scoring.TaskGrades(lab, "ana", checks, new LabRunFilter(null)), checks);
    }

    [Fact]
    public void Differences_name_the_students_value_and_never_the_expected_one()
    {
        var lab = ScoringTests.Lab("differences");
        var md = StudentFeedback.Markdown(lab, Grade(lab, ("saldo", ScoringTests.WrongSaldo)));

        Assert.Contains("# Retroalimentación: Cuentas", md);
        Assert.Contains("**Puntuación:** 3,5 / 7,5", md);
        Assert.Contains("| Saldo de Ana | incorrecto | 0 / 4 |", md);
        Assert.Contains("| Cuentas | correcto | 2 / 2 |", md);
        Assert.Contains("**Qué difiere:** fila 1, saldo: 800 no es el valor esperado", md);
        Assert.Contains("actual of saldo", md);
        Assert.DoesNotContain("650", md);
        Assert.DoesNotContain("expected of", md);
    }

    [Fact]
    public void Expected_values_show_the_whole_difference_and_the_expected_result()
    {
        var lab = ScoringTests.Lab("expected-values");
        var md = StudentFeedback.Markdown(lab, Grade(lab, ("saldo", ScoringTests.WrongSaldo)));

        Assert.Contains("fila 1, saldo: se esperaba 650, se obtuvo 800", md);
        Assert.Contains("**Esperado:**", md);
        Assert.Contains("expected of saldo", md);
    }

    [Fact]
    public void A_summary_shows_only_results_and_points()
    {
        var lab = ScoringTests.Lab("summary");
        var md = StudentFeedback.Markdown(lab, Grade(lab, ("saldo", ScoringTests.WrongSaldo)));

        Assert.Contains("| Saldo de Ana | incorrecto | 0 / 4 |", md);
        Assert.DoesNotContain("800", md);
        Assert.DoesNotContain("actual of", md);
    }

    [Fact]
    public void The_html_is_the_markdown_rendered_with_a_table_and_no_raw_html_from_a_students_value()
    {
        var lab = ScoringTests.Lab("differences");
        var evil = Verdict.Fail(new CellDiffers(1, null, "saldo", new Matcher.Exact(), "650", false, "<script>alert(1)</script>"));
        var html = StudentFeedback.Html(lab, StudentFeedback.Markdown(lab, Grade(lab, ("saldo", evil))));

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<html lang=\"es\">", html);
        Assert.Contains("<td>Saldo de Ana</td>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void Gradescope_results_have_the_documented_shape()
    {
        var lab = ScoringTests.Lab("differences");
        using var doc = JsonDocument.Parse(GradescopeResults.Render(lab, Grade(lab, ("saldo", ScoringTests.WrongSaldo))));
        var root = doc.RootElement;

        Assert.Equal((3.5, 7.5), (root.GetProperty("score").GetDouble(), root.GetProperty("max_score").GetDouble()));
        var tests = root.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal(4, tests.Count);
        Assert.All(tests, t => Assert.Equal(["name", "score", "max_score", "output", "visibility"], t.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(("saldos: Saldo de Ana", 0, 4), (tests[0].GetProperty("name").GetString(), tests[0].GetProperty("score").GetDouble(), tests[0].GetProperty("max_score").GetDouble()));
        Assert.Equal("incorrecto: fila 1, saldo: 800 no es el valor esperado", tests[0].GetProperty("output").GetString());
        Assert.Equal("visible", tests[0].GetProperty("visibility").GetString());
    }

    [Fact]
    public void The_grade_json_has_every_student_task_and_check()
    {
        var lab = ScoringTests.Lab();
        using var doc = JsonDocument.Parse(GradeJson.Render(lab.Id, lab.Title, [Grade(lab, ("saldo", ScoringTests.WrongSaldo))]));
        var ana = doc.RootElement.GetProperty("students")[0];

        Assert.Equal((3.5, 7.5), (ana.GetProperty("points").GetDouble(), ana.GetProperty("max_points").GetDouble()));
        Assert.Equal("failed", ana.GetProperty("tasks")[0].GetProperty("status").GetString());
        Assert.Equal("row 1, saldo: expected 650, got 800", ana.GetProperty("checks")[0].GetProperty("message").GetString());
    }
}
