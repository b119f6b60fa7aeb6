using LabRunner.Execution;
using LabRunner.Psql;

namespace LabRunner.Tests.Checking;

/// <summary>Builds StepOutputs the way the executor reports them, for checker unit tests (no server needed to hold output against expectations).</summary>
internal static class Outputs
{
    /// <summary>A result set; columns whose values are all numbers are typed and aligned as numbers, as psql would.</summary>
    public static ResultSet Table(string[] columns, params string?[][] rows) =>
        new(columns.Select((c, k) => Numeric(rows, k) ? new ResultColumn(c, "bigint", true) : new ResultColumn(c, "text", false)).ToList(),
            rows, rows.Length, "hash");

    private static bool Numeric(string?[][] rows, int k) =>
        rows.Length > 0 && rows.All(r => r[k] is null || long.TryParse(r[k], out _));

    public static StepOutput Of(params StatementResult[] results) =>
        new("(text)", results, results.OfType<StatementError>().Any() ? StepOutcome.Failed : StepOutcome.Completed, TimeSpan.FromMilliseconds(5));

    public static StatementError Error(string sqlState, string message) => new("ERROR", sqlState, message, null, null, null, null);

    public static StepOutput Shell(int exit, string output) =>
        new(output, [new ShellResult(exit, output)], exit == 0 ? StepOutcome.Completed : StepOutcome.Failed, TimeSpan.FromMilliseconds(5));
}
