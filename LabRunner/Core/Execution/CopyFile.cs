using LabRunner.Psql;
using Npgsql;

namespace LabRunner.Execution;

/// <summary>
/// psql's \copy: the server runs COPY ... FROM STDIN / TO STDOUT with the lab's options, the data moving over the
/// session's connection (Npgsql's text COPY) and the file through the sandbox's confined shell (<see cref="SandboxFile"/>),
/// so it is read from and written at the path the lab named inside the sandbox. Prints "COPY n" as psql does.
/// </summary>
internal static class CopyFile
{
    public static async Task<bool> RunAsync(SqlStepRunner run, MetaCommandPart part)
    {
        if (CopyCommand.Parse(part.Arguments) is not { } copy)
        {
            run.AddMetaError(part.Name, IncludeFile.Located(run, part) + "\\copy: parse error at end of line\n");
            return true;
        }
        if (copy.UsesTerminalOrProgram || copy.Binary)
        {
            run.AddMetaError(part.Name, IncludeFile.Located(run, part) +
                $"\\copy {(copy.From ? "from" : "to")} {copy.File}{(copy.Binary ? " in binary format" : "")}: not supported by LabRunner's psql (save the data in a file step and \\copy a text or CSV file)\n");
            return true;
        }
        if (SandboxFile.Refusal(run, part.Name, copy.File) is { } refused)
        {
            run.AddMetaError(part.Name, refused);
            return true;
        }
        return copy.From ? await FromAsync(run, part, copy) : await ToAsync(run, part, copy);
    }

    private static async Task<bool> FromAsync(SqlStepRunner run, MetaCommandPart part, CopyCommand copy)
    {
        // psql opens the file before it sends the COPY: a missing file never reaches the server.
        var (content, error) = await SandboxFile.ReadAsync(run, copy.File);
        if (content is null)
        {
            run.AddMetaError(part.Name, IncludeFile.Located(run, part) + $"{copy.File}: {error}\n");
            return true;
        }
        return await OnConnectionAsync(run, copy.Sql, async (conn, token) =>
        {
            await using (var writer = await conn.BeginTextImportAsync(copy.Sql, token))
            {
                await writer.WriteAsync(content.AsMemory(), token);
            } // disposing ends the COPY: the server's error on the data comes here
            run.Add(new CommandTag($"COPY {copy.CountRows(content)}"));
        });
    }

    private static async Task<bool> ToAsync(SqlStepRunner run, MetaCommandPart part, CopyCommand copy)
    {
        string? data = null;
        var go = await OnConnectionAsync(run, copy.Sql, async (conn, token) =>
        {
            using var reader = await conn.BeginTextExportAsync(copy.Sql, token);
            data = await reader.ReadToEndAsync(token);
        });
        if (data is null) return go;
        if (await SandboxFile.WriteAsync(run, copy.File, data) is { } why)
        {
            run.AddMetaError(part.Name, IncludeFile.Located(run, part) + $"{copy.File}: {why}\n");
            return true;
        }
        run.Add(new CommandTag($"COPY {copy.CountRows(data)}"));
        return true;
    }

    /// <summary>The COPY on the session's connection; the server's error is printed as a statement's is.</summary>
    internal static async Task<bool> OnConnectionAsync(SqlStepRunner run, string sql, Func<NpgsqlConnection, CancellationToken, Task> work)
    {
        NpgsqlConnection? conn = null;
        using var timeoutCts = new CancellationTokenSource(run.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Token, timeoutCts.Token);
        try
        {
            conn = await run.ConnectionAsync();
            await work(conn, linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested && !run.Token.IsCancellationRequested)
        {
            run.TimedOut(sql);
            // A COPY cut off mid-stream may leave the connection unusable: the next statement opens a fresh one.
            if (conn?.State != System.Data.ConnectionState.Open) await run.Session.CloseAsync();
            return false;
        }
        catch (PostgresException pe)
        {
            await run.AddErrorAsync(pe, sql, conn, null);
            return true;
        }
        catch (NpgsqlException ne) when (conn is not null)
        {
            return await run.ConnectionBrokeAsync(ne);
        }
    }
}
