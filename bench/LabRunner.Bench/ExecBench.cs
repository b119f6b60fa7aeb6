using System.Diagnostics;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using Npgsql;

namespace LabRunner.Bench;

/// <summary>
/// The runner's time for the seed lab's SQL (respaldo-autovacuum, PostgreSQL 15 variants) vs `psql -X -f` of the same
/// SQL, each on a fresh database, in interleaved pairs; and (in process) the peak memory of a 1,000,000-row SELECT step.
/// </summary>
public static class ExecBench
{
    private const double TimeGoal = 1.05;
    private const long MemoryGoalBytes = 150L * 1024 * 1024;

    // The seed lab's steps, in order (Tarea 1 with its 15+ variants; a fast checkpoint so the backup does not wait minutes).
    private static readonly string[] Steps =
    [
        "SELECT pg_backup_start('backup1', true);\n",
        "SELECT * FROM pg_backup_stop(); --por defecto espera hasta que el último segmento wal haya sido guardado.\n",
        "SHOW autovacuum;\nSHOW autovacuum_vacuum_threshold;\nSHOW autovacuum_analyze_threshold;\nSHOW autovacuum_vacuum_scale_factor;\nSHOW autovacuum_analyze_scale_factor;\n",
        "CREATE TABLE test_autovacuum (id serial PRIMARY KEY, data text);\nINSERT INTO test_autovacuum (data)\nSELECT md5(random()::text) FROM generate_series(1, 1000000);\n",
        "SELECT relname, n_live_tup, n_dead_tup, last_vacuum, last_autovacuum \nFROM pg_stat_user_tables \nWHERE relname = 'test_autovacuum';\n",
        "UPDATE test_autovacuum SET data = md5(random()::text) WHERE id % 2 = 0;\nDELETE FROM test_autovacuum WHERE id % 3 = 0;\n",
        "SELECT relname, n_live_tup, n_dead_tup, last_vacuum, last_autovacuum \nFROM pg_stat_user_tables \nWHERE relname = 'test_autovacuum';\n",
    ];

    public static async Task TimeAsync()
    {
        await using var sandbox = await StartAsync();
        var script = Path.Combine(sandbox.WorkDirectory, "seed.sql");
        await File.WriteAllTextAsync(script, string.Concat(Steps));

        // The database is made before the clock starts, on both sides.
        var result = await Pairs.MeasureAsync(5,
            async () => (await RunnerAsync(sandbox, await FreshDatabaseAsync(sandbox))).TotalMilliseconds,
            async () => (await PsqlAsync(sandbox, await FreshDatabaseAsync(sandbox), script)).TotalMilliseconds);
        result.Print("seed lab SQL through LabRunner's executor", "seed lab SQL through psql -X -f", "ms", TimeGoal);
    }

    public static async Task MemoryAsync()
    {
        await using var sandbox = await StartAsync();
        var db = await FreshDatabaseAsync(sandbox);
        await using var executor = new StepExecutor(sandbox, new Dictionary<string, string>(), new ExecutionOptions());
        var clock = Stopwatch.StartNew();
        var output = await executor.ExecuteAsync(
            new SqlAction("SELECT g AS id, md5(g::text) AS data FROM generate_series(1, 1000000) g;") { Database = db }, null, null, default);
        var rs = output.LastResultSet!;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var peak = self.PeakWorkingSet64;
        Console.WriteLine($"1M-row SELECT step: {rs.RowCount} rows counted and hashed, {rs.Rows.Count} kept, {output.Text.Length / 1024} KiB of text, {clock.ElapsedMilliseconds} ms");
        Console.WriteLine($"peak memory of the whole process (VmHWM): {peak / 1024.0 / 1024.0:F0} MB (goal < {MemoryGoalBytes / 1024 / 1024} MB) {(peak < MemoryGoalBytes ? "OK" : "MISSED")}");
    }

    private static Task<Sandbox> StartAsync() => Sandbox.StartAsync(new SandboxOptions
    {
        RootDirectory = Path.Combine(Path.GetTempPath(), "labrunner-bench"),
        Database = "postgres",
    }, CancellationToken.None);

    private static async Task<TimeSpan> RunnerAsync(IServerTarget target, string db)
    {
        var clock = Stopwatch.StartNew();
        await using (var executor = new StepExecutor(target, new Dictionary<string, string>(), new ExecutionOptions()))
        {
            foreach (var step in Steps)
            {
                var output = await executor.ExecuteAsync(new SqlAction(step) { Database = db }, null, null, default);
                if (output.Outcome != StepOutcome.Completed) throw new InvalidOperationException("step failed: " + output.Text);
            }
        }
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> PsqlAsync(IServerTarget target, string db, string script)
    {
        var psi = new ProcessStartInfo("psql", ["-X", "-f", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in target.PgEnvironment(db)) psi.Environment[k] = v;
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var drain = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        await drain;
        if (p.ExitCode != 0) throw new InvalidOperationException("psql failed: " + await errors);
        return elapsed;
    }

    private static async Task<string> FreshDatabaseAsync(IServerTarget target)
    {
        var name = $"seed_{Guid.NewGuid().ToString("N")[..8]}";
        await using var conn = new NpgsqlConnection(target.ConnectionString("postgres").ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
        await cmd.ExecuteNonQueryAsync();
        return name;
    }
}
