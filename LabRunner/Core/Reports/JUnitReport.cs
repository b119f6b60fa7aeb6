using System.Globalization;
using System.Xml.Linq;
using LabRunner.Checking;
using LabRunner.Running;
using LabRunner.Text;

namespace LabRunner.Reports;

/// <summary>
/// JUnit XML as CI servers read it: testsuites / testsuite per task / testcase per step, with failure, error and skipped
/// elements and the attributes the JUnit schema requires (name, tests, failures, errors, skipped, time; classname on testcases).
/// </summary>
public static class JUnitReport
{
    public static string Render(IEnumerable<(string SuitePrefix, RunSummary Summary)> runs, DateTimeOffset timestamp)
    {
        var suites = new List<XElement>();
        foreach (var (prefix, summary) in runs)
            foreach (var task in summary.Entries.GroupBy(e => e.Task))
                suites.Add(Suite(prefix, summary, task.Key, task.ToList(), timestamp));
        var all = suites.SelectMany(s => s.Elements("testcase")).ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", "labrunner"),
            new XAttribute("tests", all.Count),
            new XAttribute("failures", all.Count(t => t.Element("failure") is not null)),
            new XAttribute("errors", all.Count(t => t.Element("error") is not null)),
            new XAttribute("skipped", all.Count(t => t.Element("skipped") is not null)),
            new XAttribute("time", Seconds(suites.Sum(s => double.Parse((string)s.Attribute("time")!, CultureInfo.InvariantCulture)))),
            suites);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Declaration + "\n" + root + "\n";
    }

    public static string Render(RunSummary summary, DateTimeOffset timestamp) => Render([("", summary)], timestamp);

    private static XElement Suite(string prefix, RunSummary summary, string task, List<RunSummaryEntry> entries, DateTimeOffset timestamp)
    {
        var name = $"{prefix}{summary.LabId}.{task}";
        return new XElement("testsuite",
            new XAttribute("name", name),
            new XAttribute("tests", entries.Count),
            new XAttribute("failures", entries.Count(e => e.Status == VerdictStatus.Failed)),
            new XAttribute("errors", entries.Count(e => e.Status == VerdictStatus.Error)),
            new XAttribute("skipped", entries.Count(e => e.Status is VerdictStatus.Skipped or VerdictStatus.NotRun or VerdictStatus.NotCompared or VerdictStatus.Manual or VerdictStatus.Ran)),
            new XAttribute("time", Seconds(entries.Sum(e => e.Duration.TotalSeconds))),
            new XAttribute("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("hostname", Environment.MachineName),
            entries.Select(e => Case(name, e)));
    }

    private static XElement Case(string classname, RunSummaryEntry e)
    {
        var testcase = new XElement("testcase",
            new XAttribute("name", e.Kind == Running.StepKind.Check ? $"{e.Step} (check)" : e.Step),
            new XAttribute("classname", classname),
            new XAttribute("time", Seconds(e.Duration.TotalSeconds)));
        var message = Catalogue.English.Say(e.Verdict);
        var details = string.Join("\n", new[] { e.Verdict.Diff }.Concat(Catalogue.English.Notes(e.Verdict).Select(n => "note: " + n))
            .Where(s => !string.IsNullOrEmpty(s)));
        switch (e.Status)
        {
            case VerdictStatus.Failed:
                testcase.Add(new XElement("failure", new XAttribute("message", message), new XAttribute("type", "mismatch"), Clean(details)));
                break;
            case VerdictStatus.Error:
                testcase.Add(new XElement("error", new XAttribute("message", message), new XAttribute("type", "error"), Clean(details)));
                break;
            case VerdictStatus.Skipped or VerdictStatus.NotRun or VerdictStatus.NotCompared or VerdictStatus.Manual or VerdictStatus.Ran:
                // Steps that ran with nothing to compare, not compared and manual steps were not checked: JUnit's nearest word is
                // skipped (the message says which); a plain testcase would read as passed.
                testcase.Add(new XElement("skipped", new XAttribute("message", message)));
                break;
        }
        if (e.Actual is { } actual) testcase.Add(new XElement("system-out", Clean(actual)));
        return testcase;
    }

    private static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot carry most control characters; a psql output may.</summary>
    private static string Clean(string text) => new(text.Where(c => c is '\t' or '\n' or '\r' || c >= ' ').ToArray());
}
