using System.Diagnostics;
using System.Text;
using LabRunner.Postgres;

namespace LabRunner.Tests.Psql;

/// <summary>
/// Real psql, fed the script on stdin with stdout and stderr on one pipe — what a student sees in a terminal
/// (reading stdin, psql prints errors without the "psql:file:line:" prefix that -f adds).
/// </summary>
internal static class PsqlReference
{
    public static async Task<string> RunAsync(IServerTarget target, string database, string script)
    {
        var psi = new ProcessStartInfo("sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec psql -X 2>&1");
        // From the host, over the server's socket (PgEnvironment is what a shell step inside the sandbox sees).
        var server = target.ConnectionString(database);
        psi.Environment["PGHOST"] = server.Host;
        psi.Environment["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGUSER"] = server.Username;
        psi.Environment["PGDATABASE"] = server.Database;
        psi.Environment["LC_ALL"] = "C.UTF-8";
        psi.Environment.Remove("PGTZ");
        psi.Environment.Remove("PGOPTIONS");
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        await p.StandardInput.WriteAsync(script);
        p.StandardInput.Close();
        await p.WaitForExitAsync();
        await errors;
        return await output;
    }
}
