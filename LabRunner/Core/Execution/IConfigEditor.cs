namespace LabRunner.Execution;

/// <summary>
/// How a person edits a server's config file in an edit step (the TUI: the student's $EDITOR on the sandbox's file,
/// the lab's lines shown as the expected change). Returns false when the student gave up (nothing changed).
/// </summary>
public interface IConfigEditor
{
    Task<bool> EditAsync(ConfigEditRequest request, CancellationToken ct);
}

/// <summary>The file as the lab names it, the same file on the host, and the lines the lab shows.</summary>
public sealed record ConfigEditRequest(string File, string HostFile, string ExpectedLines);
