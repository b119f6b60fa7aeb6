using System.Text;
using System.Text.RegularExpressions;
using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Psql;
using LabRunner.Text;

namespace LabRunner.Tui;

/// <summary>The words and text blocks the lab screen shows, computed from the session (no Terminal.Gui: unit-testable).</summary>
public static partial class ScreenText
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

    /// <summary>Title, server, version, database, progress — shortened to fit the width. Until the server is up, its state instead.</summary>
    public static string Header(LabSession s, int width)
    {
        var server = s.Server.IsSandbox ? s.Text.Sandbox : s.Server.Description;
        if (server.Length > 24) server = "…" + server[^23..]; // a socket path can be long; the end says the most
        // More than main running (a replica, a restored backup): name them, with the ports the lab uses.
        if (s.Server.Running.Count > 1) server = $"{server} {string.Join(' ', s.Server.Running)}";
        var progress = ProgressBar(s.DoneCount, s.Steps.Count, width >= 100 ? 10 : 5) + " " + s.Text.DoneCount(s.DoneCount, s.Steps.Count);
        var right = s.ServerStatus switch
        {
            ServerStatus.Ready => $"{server} · PostgreSQL {s.Server.Version} · ",
            ServerStatus.Starting => s.Text.StartingServer + " · ",
            _ => s.Text.ServerNotStarted + " · ",
        } + $"{s.Text.Database} {s.Server.Database} · " + progress;
        // Narrow: the progress and the database matter more than the server's description.
        if (width - right.Length - 3 < 16) right = $"{s.Text.Database} {s.Server.Database} · " + progress;
        var room = Math.Max(10, width - right.Length - 3);
        var title = s.Lab.Title.Length > room ? s.Lab.Title[..(room - 1)] + "…" : s.Lab.Title;
        var gap = Math.Max(1, width - title.Length - right.Length - 2);
        return " " + title + new string(' ', gap) + right;
    }

    public const char BarDone = '█';
    public const char BarToDo = '░';

    /// <summary>"███░░" for 3 of 5 done, <paramref name="cells"/> wide.</summary>
    public static string ProgressBar(int done, int total, int cells)
    {
        var filled = total == 0 ? 0 : (int)Math.Round(cells * (double)done / total, MidpointRounding.ToZero);
        if (done > 0 && filled == 0) filled = 1;
        return new string(BarDone, filled) + new string(BarToDo, cells - filled);
    }

    public static string TreeLabel(LabSession s, StepRef step, int frame) => $"{Mark(s.StatusOf(step), frame)} {ShortTitle(step)}";

    /// <summary>
    /// The step's name in the tree: its title, and when the title only numbers it ("Paso 3."), the start of what it says
    /// to do, so the tree tells the steps apart.
    /// </summary>
    public static string ShortTitle(StepRef step)
    {
        var title = step.Step.Title.Trim();
        if (!GenericTitle().IsMatch(title) || string.IsNullOrWhiteSpace(step.Step.Text)) return title;
        var first = step.Step.Text.Split('\n').Select(l => l.Trim().TrimStart('#', '>', '-', '*', ' ')).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("```", StringComparison.Ordinal));
        if (first is null) return title;
        first = first.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);
        var end = first.IndexOfAny(['.', ':', ';']);
        if (end > 0) first = first[..end];
        if (first.Length > 48) first = first[..47].TrimEnd() + "…";
        return title.TrimEnd('.', ':') + " · " + first;
    }

    [GeneratedRegex(@"^\p{L}+\s*\d+[.:]?$")]
    private static partial Regex GenericTitle();

    /// <summary>Whether Markdown starts with a line of text (not a heading, list, quote, table, code or HTML block).</summary>
    private static bool StartsAsText(string md)
    {
        var first = md.Split('\n')[0];
        var trimmed = first.TrimStart();
        return !first.StartsWith("    ", StringComparison.Ordinal) && !first.StartsWith('\t') && !ListItem().IsMatch(first) && !Rule().IsMatch(first)
            && trimmed.Length > 0 && trimmed[0] is not ('#' or '>' or '|' or '<' or '`' or '~');
    }

    /// <summary>A label cut to <paramref name="width"/> columns, with "…" saying so (the whole of it is shown elsewhere).</summary>
    public static string Fit(string label, int width) =>
        width <= 1 || label.Length <= width ? label : label[..(width - 1)].TrimEnd() + "…";

    /// <summary>
    /// Markdown with its paragraphs and list items wrapped at word boundaries to <paramref name="width"/> columns, with
    /// hard line breaks: Terminal.Gui's Markdown view breaks a run of text wherever the edge falls, mid-word. Code
    /// blocks, tables, headings and quotes stay as they were; a code span or a link is never split.
    /// </summary>
    public static string WrapMarkdown(string md, int width)
    {
        if (width < 12) return md;
        var output = new List<string>();
        var block = new List<string>();
        string? fence = null;
        void Flush()
        {
            if (block.Count > 0) output.AddRange(WrapBlock(block, width));
            block.Clear();
        }
        foreach (var line in md.Replace("\r\n", "\n").Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (fence is not null)
            {
                output.Add(line);
                if (trimmed.StartsWith(fence, StringComparison.Ordinal)) fence = null;
                continue;
            }
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                Flush();
                fence = trimmed[..3];
                output.Add(line);
                continue;
            }
            var verbatim = trimmed.Length == 0 || trimmed[0] is '#' or '|' or '>' or '<' || Rule().IsMatch(line)
                || (block.Count == 0 && (line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith('\t')));
            if (verbatim)
            {
                Flush();
                output.Add(line);
                continue;
            }
            if (ListItem().IsMatch(line)) Flush();
            block.Add(line);
        }
        Flush();
        return string.Join('\n', output);
    }

    /// <summary>One paragraph or list item, rewrapped: its words greedily on lines that fit once the view drew its marks.</summary>
    private static IEnumerable<string> WrapBlock(List<string> block, int width)
    {
        var item = ListItem().Match(block[0]);
        var indent = item.Success ? item.Groups[1].Value : "";
        var marker = item.Success ? item.Groups[2].Value : "";
        // The view draws a bullet as "  • ": a list item's text starts further right than its source.
        var drawnPrefix = item.Success ? indent.Length + marker.Length + 3 : 0;
        var continuation = item.Success ? indent + new string(' ', marker.Length + 1) : "";
        // The author's own hard breaks (a line ending in "\\" or two spaces) stay: each part between them is wrapped.
        var parts = new List<string>();
        var part = new List<string>();
        for (var i = 0; i < block.Count; i++)
        {
            var line = i == 0 && item.Success ? block[i][item.Length..] : block[i];
            var hard = line.EndsWith('\\') || line.EndsWith("  ", StringComparison.Ordinal);
            part.Add(hard ? line.TrimEnd()[..^(line.TrimEnd().EndsWith('\\') ? 1 : 0)].Trim() : line.Trim());
            if (!hard) continue;
            parts.Add(string.Join(' ', part));
            part.Clear();
        }
        if (part.Count > 0) parts.Add(string.Join(' ', part));
        var budget = Math.Max(8, width - drawnPrefix - 1);
        var lines = new List<string>();
        foreach (var text in parts)
        {
            var current = new StringBuilder();
            var used = 0;
            foreach (var token in Token().Matches(text).Select(m => m.Value))
            {
                var drawn = Regex.Replace(token, @"\[([^\]]*)\]\([^)]*\)", "$1").Replace("*", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Length;
                if (used > 0 && used + 1 + drawn > budget)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                    used = 0;
                }
                if (used > 0) { current.Append(' '); used++; }
                current.Append(token);
                used += drawn;
            }
            lines.Add(current.ToString());
        }
        for (var i = 0; i < lines.Count; i++)
            yield return (i == 0 ? (item.Success ? indent + marker + " " : "") : continuation) + lines[i] + (i < lines.Count - 1 ? "\\" : "");
    }

    [GeneratedRegex(@"^(\s*)([-*+]|\d+[.)])\s+")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*([-*_=])(\s*\1){2,}\s*$")]
    private static partial Regex Rule();

    /// <summary>A word: what lies between spaces, a code span or a link kept whole.</summary>
    [GeneratedRegex(@"(?:`[^`]*`|\[[^\]]*\]\([^)]*\)|\S)+")]
    private static partial Regex Token();

    public static string TaskLabel(LabSession s, int taskIndex) => $"{s.Lab.Tasks[taskIndex].Title} {TaskCount(s, taskIndex)}";

    /// <summary>"(2/4)": the task's steps done (as the header counts them: passed, ran, compared by eye, marked done), of all.</summary>
    public static string TaskCount(LabSession s, int taskIndex)
    {
        var steps = s.Steps.Where(x => x.TaskIndex == taskIndex).ToList();
        var done = steps.Count(x => StepStatuses.IsDone(s.Model.VerdictOf(x)));
        return $"({done}/{steps.Count})";
    }

    /// <summary>
    /// The task's label in <paramref name="width"/> columns: the title gives way ("Tarea 2. Obs… (0/5)"), the count
    /// stays; before, the "…" ate the count first, and at 80 columns no task said how far along it was.
    /// </summary>
    public static string FitTaskLabel(LabSession s, int taskIndex, int width)
    {
        var title = s.Lab.Tasks[taskIndex].Title;
        var count = " " + TaskCount(s, taskIndex);
        if (title.Length + count.Length <= width) return title + count;
        // Too narrow for a word of the title and the count: cut the whole as before rather than show a bare count.
        return width - count.Length < 4 ? Fit(title + count, width) : Fit(title, width - count.Length) + count;
    }

    /// <summary>Task and step instructions as Markdown; the hint, once asked for, comes first so it is seen without scrolling.</summary>
    public static string Instructions(LabSession s, StepRef step)
    {
        var md = new StringBuilder();
        if (s.HintOf(step) is { } hint) md.Append(hint).Append("\n\n");
        // The step's own instruction first (what to do now); the task's and the lab's context after it.
        // Its task's title in full beside it (the step tree has room for its start only), and on the next line, not after
        // a blank one, what it says to do: on a short screen the instruction stays in sight.
        md.Append("**").Append(step.Step.Title.Trim()).Append("** · ").Append(step.Task.Title.Trim());
        var text = step.Step.Text?.Trim() ?? "";
        if (text.Length > 0 && StartsAsText(text)) md.Append("\\\n").Append(text).Append("\n\n");
        else
        {
            md.Append("\n\n");
            if (text.Length > 0) md.Append(text).Append("\n\n");
        }
        if (step.IsFirstOfTask && !string.IsNullOrWhiteSpace(step.Task.Text)) md.Append(step.Task.Text.Trim()).Append("\n\n");
        if (step.Index == 0 && !string.IsNullOrWhiteSpace(s.Lab.Introduction)) md.Append("### ").Append(s.Lab.Title).Append("\n\n").Append(s.Lab.Introduction.Trim()).Append('\n');
        return md.ToString().TrimEnd() + "\n";
    }

    /// <summary>
    /// The expected output as the author pasted it (from its first output line: no prompt, no echoed query) or as a psql
    /// table for structured rows, then what else is expected; the differing cell (if the step failed on one) highlighted
    /// from where the panel reader or the renderer put it.
    /// </summary>
    public static PaneContent Expected(LabSession s, StepRef step)
    {
        var e = step.Step.Expect;
        if (e is null) return new(s.Text.NoExpectedOutput);
        var diff = s.ResultOf(step)?.Verdict.FirstDifference;
        var parts = new List<string>();
        CellSpan? cell = null;
        if (e.Panel is not null)
        {
            (var text, cell) = Panel(e.Panel, diff);
            parts.Add(text);
        }
        else if (e.Columns is not null)
        {
            var table = StructuredTable(e.Columns, e.Rows ?? []);
            parts.Add(table.Text);
            if (diff is not null) cell = table.Layout.Cell(diff.ExpectedRow, diff.ExpectedColumn);
        }
        if (e.ErrorSqlState is not null) parts.Add($"ERROR {e.ErrorSqlState}");
        if (e.ExitCode is { } code && code != 0) parts.Add(s.Text.ExpectedExitCode(code));
        if (e.OutputContains is not null) parts.Add($"… {e.OutputContains} …");
        if (e.OutputMatches is not null) parts.Add($"/{e.OutputMatches}/");
        if (e.Eventually is { } ev) parts.Add(s.Text.EventuallyWithin(ev.Within, ev.Every));
        return parts.Count == 0 ? new(s.Text.NoExpectedOutput) : new(string.Join("\n", parts), cell is { } c ? [c] : []);
    }

    /// <summary>
    /// A pasted panel from its first output line (no prompt, no echoed query; a paste indented as a whole dedented), and
    /// where the expected cell of <paramref name="diff"/> is in it, from the panel reader's layout.
    /// </summary>
    public static (string Text, CellSpan? Cell) Panel(string pasted, CellDifference? diff)
    {
        var panel = ExpectedPanel.Parse(pasted);
        var start = panel.Statements.Count == 0 ? 0 : panel.Statements[0].Line;
        var text = string.Join('\n', panel.Lines.Skip(start)).TrimEnd();
        var cell = diff is { ExpectedStatement: { } k } && k < panel.Statements.Count && panel.Statements[k] is ExpectedTable { Layout: { } layout }
            ? layout.Shifted(-start).Cell(diff.ExpectedRow, diff.ExpectedColumn)
            : null;
        return (text, cell);
    }

    /// <summary>Structured rows as psql would print them (left-aligned: display only, the checker does the comparing).</summary>
    public static (string Text, TableLayout Layout) StructuredTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var text = new PsqlText();
        text.Append(PsqlFormatter.Shaped(columns, rows, []));
        return (text.Text.TrimEnd('\n'), text.Tables[0].Layout);
    }

    /// <summary>What the actual pane shows: this session's output (the differing cell highlighted), or the saved verdict from an earlier session.</summary>
    public static PaneContent Actual(LabSession s, StepRef step)
    {
        // An eventually-wait shows what its last check printed, live.
        // (Which check it is goes in the pane's title: a first line would scroll away above a long table.)
        if (s.IsRunning(step) && s.Runs.ActivityOf(step)?.Activity is Running.EventuallyRetry { LastOutput: { } live })
            return new(live.Text.TrimEnd('\n'));
        if (s.IsRunning(step)) return new("");
        if (s.ResultOf(step) is not { } r) return new(s.SavedMessageOf(step) is { } m ? $"({m})" : s.Text.NotRunYet);
        var diff = r.Verdict.FirstDifference;
        var table = diff?.ActualResult is { } result
            ? r.Output.Tables.FirstOrDefault(t => t.Result == result)
            : r.Output.Tables.Count > 0 ? r.Output.Tables[^1] : null;
        var cell = diff is null ? null : table?.Layout.Cell(diff.Row - 1, diff.Column - 1);
        return new(InLanguage(s, r.Output).TrimEnd('\n'), cell is { } c ? [c] : []);
    }

    /// <summary>
    /// The output with the lines LabRunner itself wrote in it (a shell step's "exit code 2", "(cancelled)", a server
    /// step's message, the "… N lines left out …" marker of a long output) in the interface's language, from their data.
    /// </summary>
    private static string InLanguage(LabSession s, StepOutput output)
    {
        var text = output.Text;
        var shell = output.Results.OfType<ShellResult>().LastOrDefault();
        foreach (var gap in output.Results.OfType<LinesLeftOut>().Concat(shell?.LeftOut ?? []).Distinct())
            text = text.Replace(gap.Text, s.Text.LinesLeftOut(gap.Lines) + "\n", StringComparison.Ordinal);
        foreach (var cut in shell?.CutLines ?? [])
            text = text.Replace(cut.Text + "\n", s.Text.CharactersLeftOut(cut.Characters) + "\n", StringComparison.Ordinal);
        if (shell is not { Notes.Count: > 0 }) return text;
        var added = string.Concat(shell.Notes.Select(n => n.Line + "\n"));
        if (!text.EndsWith(added, StringComparison.Ordinal)) return text;
        return text[..^added.Length] + string.Concat(shell.Notes.Select(n => Say(s.Text, n) + "\n"));
    }

    public static string Say(Catalogue text, ShellNote note) => note switch
    {
        ExitedWith e => text.ExitCode(e.Code),
        KilledAfter k => text.KilledAfterTimeout(k.Timeout),
        CancelledByUser => text.CancelledLine,
        ServerReady r => text.ServerReady(r.Name, r.Port),
        ServerStartedOn o => text.ServerStartedOn(o.Name, o.DataDirectory, o.Port),
        ServerStopped t => text.ServerStopped(t.Name),
        ServerStepNote n => text.ServerStep(n),
        _ => note.Line,
    };

    /// <summary>
    /// "Your output", with a shell step's exit code ("Your output · exit code 23"), or during an eventually-wait which
    /// check the live output is ("Your output · latest check, attempt 3").
    /// </summary>
    public static string ActualTitle(LabSession s, StepRef step) =>
        s.IsRunning(step) && s.Runs.ActivityOf(step)?.Activity is Running.EventuallyRetry { LastOutput: not null } retry
            ? $"{s.Text.Actual} · {s.Text.LiveOutput}, {s.Text.Attempt(retry.Attempt)}"
            : s.ResultOf(step)?.Output.Results.OfType<ShellResult>().LastOrDefault() is { } shell
                ? $"{s.Text.Actual} · {s.Text.ExitCode(shell.ExitCode)}" : s.Text.Actual;

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

    /// <summary>
    /// "Command · session B": where the command runs, when the lab has several sessions (the course's terminals) or the
    /// step runs on another server than main; the lab's prose may name them only in passing.
    /// </summary>
    public static string CommandTitle(LabSession s, StepRef step)
    {
        var title = s.IsEdited(step) ? s.Text.CommandEdited : s.Text.Command;
        var action = s.OriginalAction(step);
        var where = new List<string>();
        if (action.Server is { } server && server != "main") where.Add(s.Text.OnServer(server));
        if (action is SqlAction sql && s.HasSessions) where.Add(s.Text.SessionLabel(sql.Session));
        return where.Count == 0 ? title : $"{title} · {string.Join(" · ", where)}";
    }

    /// <summary>The running line: spinner, elapsed time, and what the step waits for.</summary>
    public static string ActivityLine(LabSession s, int frame)
    {
        if (!s.IsBusy && !s.Starting) return "";
        var doing = s.Restarting ? s.Text.Restarting : s.Checking ? s.Text.CheckingWork : s.Starting ? s.Text.StartingServer : s.Text.RunningWord;
        // Another step than the one on screen (a session left waiting while the student goes on): say which.
        var which = s.ShownRun is { } run && run != s.Selected && !s.Restarting ? run.Step.Title.Trim() + ": " : "";
        var parts = new List<string> { $"{Spinner[frame % Spinner.Length]} {which}{doing} {s.Text.Seconds(s.Elapsed)}" };
        if (!s.Restarting) parts.Add("Esc: " + s.Text.Cancel.ToLowerInvariant());
        if (s.Runs.RunningSteps.Count > 1) parts.Add(s.Text.AlsoRunning(s.Runs.RunningSteps.Count - 1));
        if (s.Activity?.Series is not null) parts.Add(s.Text.PlotHint); // the whole-screen plot of what it watches
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
}

/// <summary>A pane's text and the cells to highlight in it.</summary>
public sealed record PaneContent(string Text, IReadOnlyList<CellSpan> Highlights)
{
    public PaneContent(string text) : this(text, []) { }
}
