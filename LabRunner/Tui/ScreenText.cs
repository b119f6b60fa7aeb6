using System.Text;
using LabRunner.Execution;
using LabRunner.Text;

namespace LabRunner.Tui;

/// <summary>The words and text blocks the lab screen shows, computed from the session (no Terminal.Gui: unit-testable).</summary>
public static class ScreenText
{
    private static readonly string[] Spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

    public static string Mark(StepStatus status, int frame = 0) => status switch
    {
        StepStatus.Running => Spinner[frame % Spinner.Length],
        StepStatus.Passed => "✓",
        StepStatus.Failed => "✗",
        StepStatus.Error => "!",
        StepStatus.Done => "●",
        StepStatus.NotCompared => "~",
        _ => "·",
    };

    /// <summary>Title, server, version, database, progress — shortened to fit the width.</summary>
    public static string Header(LabSession s, int width)
    {
        var server = s.Server.IsSandbox ? s.Text.Sandbox : s.Server.Description;
        if (server.Length > 24) server = "…" + server[^23..]; // a socket path can be long; the end says the most
        var right = $"{server} · PostgreSQL {s.Server.Version} · {s.Text.Database} {s.Server.Database} · " + s.Text.PassedCount(s.PassedCount, s.Steps.Count);
        var room = Math.Max(10, width - right.Length - 3);
        var title = s.Lab.Title.Length > room ? s.Lab.Title[..(room - 1)] + "…" : s.Lab.Title;
        var gap = Math.Max(1, width - title.Length - right.Length - 2);
        return " " + title + new string(' ', gap) + right;
    }

    public static string TreeLabel(LabSession s, StepRef step, int frame) => $"{Mark(s.StatusOf(step), frame)} {step.Step.Title}";

    public static string TaskLabel(LabSession s, int taskIndex)
    {
        var steps = s.Steps.Where(x => x.TaskIndex == taskIndex).ToList();
        var passed = steps.Count(x => s.StatusOf(x) == StepStatus.Passed);
        return $"{s.Lab.Tasks[taskIndex].Title} ({passed}/{steps.Count})";
    }

    /// <summary>Task and step instructions as Markdown; the hint, once asked for, comes first so it is seen without scrolling.</summary>
    public static string Instructions(LabSession s, StepRef step)
    {
        var md = new StringBuilder();
        if (s.HintShown(step) && !string.IsNullOrWhiteSpace(step.Step.Hint))
            md.Append("> **").Append(s.Text.Hint).Append(":** ").Append(step.Step.Hint.Trim().Replace("\n", "\n> ")).Append("\n\n");
        if (step.Index == 0 && !string.IsNullOrWhiteSpace(s.Lab.Introduction)) md.Append(s.Lab.Introduction.Trim()).Append("\n\n");
        md.Append("## ").Append(step.Task.Title).Append("\n\n");
        if (step.IsFirstOfTask && !string.IsNullOrWhiteSpace(step.Task.Text)) md.Append(step.Task.Text.Trim()).Append("\n\n");
        md.Append("### ").Append(step.Step.Title).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(step.Step.Text)) md.Append(step.Step.Text.Trim()).Append('\n');
        return md.ToString();
    }

    /// <summary>The expected output as a table (or what a shell step should print), or a note that any successful run passes.</summary>
    public static string Expected(LabSession s, StepRef step)
    {
        var e = step.Step.Expect;
        if (e is null) return s.Text.NoExpectedOutput;
        var parts = new List<string>();
        if (e.Panel is not null) parts.Add(PanelTable(e.Panel));
        else if (e.Columns is not null) parts.Add(FormatTable(e.Columns, e.Rows ?? []));
        if (e.ErrorSqlState is not null) parts.Add($"ERROR {e.ErrorSqlState}");
        if (e.ExitCode is { } code && code != 0) parts.Add(s.Text.ExpectedExitCode(code));
        if (e.OutputContains is not null) parts.Add($"… {e.OutputContains} …");
        if (e.OutputMatches is not null) parts.Add($"/{e.OutputMatches}/");
        if (e.Eventually is { } ev) parts.Add(s.Text.EventuallyWithin(ev.Within, ev.Every));
        return parts.Count == 0 ? s.Text.NoExpectedOutput : string.Join("\n", parts);
    }

    /// <summary>An author's pasted psql panel without the prompt and echoed query: from the header line on.</summary>
    public static string PanelTable(string panel)
    {
        var lines = panel.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        var rule = Array.FindIndex(lines, TableLocator.IsRule);
        return rule <= 0 ? string.Join('\n', lines) : string.Join('\n', lines[(rule - 1)..]);
    }

    /// <summary>psql-like aligned table for structured expectations (display only; the checker does the comparing).</summary>
    public static string FormatTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var widths = columns.Select((c, i) => Math.Max(c.Length, rows.Select(r => i < r.Count ? (r[i] ?? "").Length : 0).DefaultIfEmpty(0).Max())).ToList();
        var sb = new StringBuilder();
        sb.Append(string.Join("|", columns.Select((c, i) => " " + Centre(c, widths[i]) + " "))).Append('\n');
        sb.Append(string.Join("+", widths.Select(w => new string('-', w + 2)))).Append('\n');
        foreach (var row in rows)
            sb.Append(string.Join("|", widths.Select((w, i) => " " + (i < row.Count ? row[i] ?? "" : "").PadRight(w) + " ")).TrimEnd()).Append('\n');
        sb.Append(rows.Count == 1 ? "(1 row)" : $"({rows.Count} rows)");
        return sb.ToString();
    }

    /// <summary>What the actual pane shows: this session's output, or the saved verdict from an earlier session.</summary>
    public static string Actual(LabSession s, StepRef step)
    {
        if (s.ResultOf(step) is { } r) return r.Output.Text.TrimEnd('\n');
        return s.SavedMessageOf(step) is { } m ? $"({m})" : s.Text.NotRunYet;
    }

    /// <summary>The verdict in words: "✓ Passed — output matches (ran in 0.4 s)".</summary>
    public static string VerdictLine(LabSession s, StepRef step)
    {
        if (s.ResultOf(step) is not { } r)
            return s.StatusOf(step) is var st && st is StepStatus.NotRun or StepStatus.Running
                ? "" : $"{Mark(st)} {Word(s.Text, st)} — {s.SavedMessageOf(step)}";
        if (r.Output.Outcome == StepOutcome.Cancelled) return $"■ {s.Text.CancelledTitle}";
        var status = s.StatusOf(step);
        var line = $"{Mark(status)} {Word(s.Text, status)} — {s.Text.Say(r.Verdict)} ({s.Text.Ran(r.Output.Duration)})";
        return r.Verdict.Notes.Count == 0 ? line : line + " · " + string.Join(" · ", s.Text.Notes(r.Verdict));
    }

    /// <summary>The running line: spinner, elapsed time, and what the step waits for.</summary>
    public static string ActivityLine(LabSession s, int frame)
    {
        if (!s.IsBusy) return "";
        var parts = new List<string> { $"{Spinner[frame % Spinner.Length]} {(s.Restarting ? s.Text.Restarting : s.Text.RunningWord)} {s.Text.Seconds(s.Elapsed)}" };
        if (!s.Restarting) parts.Add("Esc: " + s.Text.Cancel.ToLowerInvariant());
        if (s.Activity is { } a && !s.Restarting)
        {
            // Short facts first (the line is cut at the screen's edge); what the step waits for last.
            if (a.GivesUpIn is { } left) parts.Add(s.Text.GivesUpIn(left));
            if (a.NextCheckIn is { } next) parts.Add(s.Text.NextCheckIn(next));
            if (a.Activity is LockWait or Running.EventuallyRetry) parts.Add(s.Text.Say(a.Activity));
        }
        return string.Join(" · ", parts);
    }

    public static string Word(Catalogue text, StepStatus status) => status switch
    {
        StepStatus.Passed => text.Passed,
        StepStatus.Failed => text.Failed,
        StepStatus.Error => text.Error,
        StepStatus.Done => text.Done,
        StepStatus.NotCompared => text.NotComparedWord,
        StepStatus.Running => text.RunningWord,
        _ => "",
    };

    private static string Centre(string s, int width)
    {
        var left = (width - s.Length) / 2;
        return new string(' ', left) + s + new string(' ', width - s.Length - left);
    }
}
