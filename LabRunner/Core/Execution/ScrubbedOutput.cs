using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// A step's output with every known secret (<see cref="Secrets"/>) masked, in its text and in its structured results, so
/// that no later reader — the checker, the TUI, reports, saved progress — ever holds a password a step printed.
/// </summary>
internal static class ScrubbedOutput
{
    public static StepOutput Of(StepOutput output)
    {
        if (!Secrets.Any) return output;
        var text = Secrets.Scrub(output.Text);
        // Masking moves text: the cells' positions would point elsewhere, so a scrubbed output gives up highlighting.
        return output with { Text = text, Results = output.Results.Select(Scrub).ToList(), Tables = text == output.Text ? output.Tables : [] };
    }

    private static StatementResult Scrub(StatementResult result) => result switch
    {
        ShellResult shell => shell with { Output = Secrets.Scrub(shell.Output) },
        MetaCommandOutput meta => meta with { Text = Secrets.Scrub(meta.Text) },
        ServerNotice notice => notice with
        {
            Message = Secrets.Scrub(notice.Message), Detail = Secrets.ScrubNullable(notice.Detail), Hint = Secrets.ScrubNullable(notice.Hint),
        },
        StatementError error => error with
        {
            Message = Secrets.Scrub(error.Message), Detail = Secrets.ScrubNullable(error.Detail), Hint = Secrets.ScrubNullable(error.Hint),
            Statement = Secrets.ScrubNullable(error.Statement), Context = Secrets.ScrubNullable(error.Context),
            InternalQuery = Secrets.ScrubNullable(error.InternalQuery), Advice = Secrets.ScrubNullable(error.Advice),
        },
        ResultSet rows when rows.Rows.Any(r => r.Any(c => c is not null && Secrets.Scrub(c) != c)) =>
            rows with { Rows = rows.Rows.Select(r => (IReadOnlyList<string?>)r.Select(Secrets.ScrubNullable).ToList()).ToList() },
        _ => result,
    };
}
