using LabRunner.Checking;

namespace LabRunner.Reports;

public static class StatusWords
{
    /// <summary>"passed", "failed", "error", "skipped", "not run" — the words reports and tables use.</summary>
    public static string Of(VerdictStatus status) => status switch
    {
        VerdictStatus.Passed => "passed",
        VerdictStatus.Failed => "failed",
        VerdictStatus.Error => "error",
        VerdictStatus.Skipped => "skipped",
        _ => "not run",
    };
}
