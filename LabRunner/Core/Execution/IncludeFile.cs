using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// psql's \i FILE (\include) and \ir FILE (\include_relative: relative to the file that says it): the file is read
/// through the sandbox's confined shell (<see cref="SandboxFile"/>) and its statements and meta-commands run in the
/// step's session, each printing as psql prints it.
/// </summary>
internal static class IncludeFile
{
    /// <summary>
    /// psql nests \i until it runs out of open files (a file that includes itself ends in "Too many open files" after
    /// about a thousand levels); LabRunner stops far earlier, with the same words and why.
    /// </summary>
    public const int MaxDepth = 16;

    public static async Task<bool> RunAsync(SqlStepRunner run, MetaCommandPart part, IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            run.AddMetaError(part.Name, Located(run, part) + $"\\{part.Name}: missing required argument\n");
            return true;
        }
        var file = args[0];
        // psql joins \ir's file to the including file's directory; at the step's own level it is the working directory.
        if (part.Name is "ir" or "include_relative" && !file.StartsWith('/') && run.Including.TryPeek(out var outer)
            && Path.GetDirectoryName(outer) is { Length: > 0 } dir)
            file = dir + "/" + file;
        if (SandboxFile.Refusal(run, part.Name, file) is { } refused)
        {
            run.AddMetaError(part.Name, refused);
            return true;
        }
        if (run.Including.Count >= MaxDepth)
        {
            run.AddMetaError(part.Name, Located(run, part) + $"{file}: Too many open files (LabRunner stops \\i nested {MaxDepth} deep: does the file include itself?)\n");
            return true;
        }
        var (content, error) = await SandboxFile.ReadAsync(run, file);
        if (content is null)
        {
            run.AddMetaError(part.Name, Located(run, part) + $"{file}: {error}\n");
            return true;
        }
        run.Including.Push(file);
        try { return await run.RunScriptAsync(content); }
        finally { run.Including.Pop(); }
    }

    /// <summary>
    /// psql's prefix for an error in a file it runs ("psql:carga.sql:3: error: "); a step is typed at psql's prompt, where
    /// errors have none.
    /// </summary>
    public static string Located(SqlStepRunner run, MetaCommandPart part) =>
        run.Including.TryPeek(out var file) ? $"psql:{file}:{part.Line}: error: " : "";
}
