using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// `COPY t FROM STDIN;` with its rows and `\.` in the step, as a lab pastes it into psql: the rows go to the server over
/// the COPY protocol (sent as a plain command, the server would wait for data no one sends).
/// </summary>
internal static class CopyInline
{
    public static Task<bool> RunAsync(SqlStepRunner run, SqlStatementPart part, string data)
    {
        var sql = part.Text.TrimEnd().TrimEnd(';');
        var copy = CopyCommand.Parse(sql.Trim()[4..]); // what follows COPY: the rows count as psql's \copy counts them
        return CopyFile.OnConnectionAsync(run, sql, async (conn, token) =>
        {
            await using (var writer = await conn.BeginTextImportAsync(sql, token))
            {
                await writer.WriteAsync(data.AsMemory(), token);
            } // disposing ends the COPY: the server's error on the data comes here
            run.Add(new CommandTag($"COPY {copy?.CountRows(data) ?? data.Count(c => c == '\n')}"));
        });
    }
}
