namespace LabRunner;

/// <summary>Documented exit codes (README): scripts and graders rely on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int ChecksFailed = 1;
    public const int UsageOrEnvironment = 2;
    public const int Interrupted = 130;
}
