namespace LabRunner.Postgres;

/// <summary>
/// The lab's server settings as a sandbox writes them. A value may name the lab's work folder as {{workdir}} (an
/// archive_command copying WAL there): the only variable known before the server starts, and the same folder the
/// lab's steps see as {{workdir}}.
/// </summary>
internal static class SandboxSettings
{
    public const string WorkDirectoryVariable = "{{workdir}}";

    public static string Lines(IReadOnlyDictionary<string, string> settings, string stepWorkDirectory) =>
        string.Concat(settings.Select(s =>
            $"{s.Key} = '{s.Value.Replace(WorkDirectoryVariable, stepWorkDirectory, StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)}'\n"));
}
