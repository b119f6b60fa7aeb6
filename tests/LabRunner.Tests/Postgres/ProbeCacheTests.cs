using System.Diagnostics;
using LabRunner.Postgres;
using LabRunner.Postgres.Confinement;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Postgres;

/// <summary>
/// bubblewrap's probe is remembered across runs only while what it depended on is unchanged (the bwrap binary, the
/// kernel boot, the user-namespace sysctls, the users), and a remembered success that proves wrong is forgotten: the
/// sandbox probes again and, where bwrap now fails, is the plain one, as without the cache.
/// </summary>
public sealed class ProbeCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-probe-").FullName;

    public ProbeCacheTests() => File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101); // the postgres user runs the fake bwrap

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly OsIdentity Identity = OsIdentity.Detect() ?? new OsIdentity(false, 1, 1);

    /// <summary>A bwrap that cannot make namespaces (as where user namespaces are turned off).</summary>
    private string FailingBwrap()
    {
        var path = Path.Combine(_dir, "bwrap");
        File.WriteAllText(path, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    private static PgBinaries Bins => PgBinaries.FindAsync(null, CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void A_remembered_success_is_trusted_under_the_same_key_only()
    {
        var bwrap = FailingBwrap();
        var file = ProbeCache.FileFor(_dir, bwrap);
        var key = ProbeCache.Key(bwrap, Identity)!;
        ProbeCache.Remember(file, key);

        Assert.True(ProbeCache.IsTrusted(file, key));
        Assert.Equal(key, ProbeCache.Key(bwrap, Identity));
        Assert.False(ProbeCache.IsTrusted(file, key.Replace("\nboot ", "\nboot 0", StringComparison.Ordinal))); // another boot
        Assert.False(ProbeCache.IsTrusted(file, ProbeCache.Key(bwrap, Identity with { PostgresUid = Identity.PostgresUid + 1 })!));
    }

    [Fact]
    public void A_bwrap_replaced_since_is_not_trusted()
    {
        var bwrap = FailingBwrap();
        var file = ProbeCache.FileFor(_dir, bwrap);
        ProbeCache.Remember(file, ProbeCache.Key(bwrap, Identity)!);
        var stamp = File.GetLastWriteTimeUtc(bwrap);

        var replacement = bwrap + ".new";
        File.Copy(bwrap, replacement);
        File.SetLastWriteTimeUtc(replacement, stamp); // same size, same mtime: only the inode and ctime tell
        File.Move(replacement, bwrap, overwrite: true);

        Assert.False(ProbeCache.IsTrusted(file, ProbeCache.Key(bwrap, Identity)!));
    }

    [Fact]
    public void A_half_written_or_foreign_file_is_not_trusted()
    {
        var bwrap = FailingBwrap();
        var file = ProbeCache.FileFor(_dir, bwrap);
        var key = ProbeCache.Key(bwrap, Identity)!;

        File.WriteAllText(file, key[..(key.Length / 2)]);
        Assert.False(ProbeCache.IsTrusted(file, key));
        File.WriteAllText(file, "ok\n");
        Assert.False(ProbeCache.IsTrusted(file, key));
        File.Delete(file);
        Assert.False(ProbeCache.IsTrusted(file, key));
    }

    [Fact]
    public void A_real_probe_is_remembered_and_the_next_check_does_not_run_bwrap()
    {
        var first = Bubblewrap.Probe(Bins, _dir, "bwrap");
        Assert.True(first.Identity is not null, first.Problem);
        Assert.False(first.Remembered);
        Assert.True(File.Exists(ProbeCache.FileFor(_dir, "bwrap")));

        var second = Bubblewrap.Probe(Bins, _dir, "bwrap");

        Assert.True(second.Remembered);
        Assert.Equal(first.Identity, second.Identity);
    }

    [Fact]
    public void A_failed_probe_is_not_remembered_and_a_stale_success_is_forgotten_on_recheck()
    {
        var bwrap = FailingBwrap();
        var file = ProbeCache.FileFor(_dir, bwrap);

        var failed = Bubblewrap.Probe(Bins, _dir, bwrap);
        Assert.Null(failed.Identity);
        Assert.Contains("No permissions to create new namespace", failed.Problem);
        Assert.False(File.Exists(file));

        // A success remembered under today's key, for a bwrap that no longer works (a sysctl turned off since, say).
        ProbeCache.Remember(file, ProbeCache.Key(bwrap, Identity)!);
        var remembered = Bubblewrap.Check(Bins, _dir, bwrap);
        Assert.True(remembered.Remembered);

        var rechecked = Bubblewrap.Recheck(Bins, _dir, bwrap);

        Assert.Null(rechecked.Identity);
        Assert.False(File.Exists(file));
        Assert.Same(rechecked, Bubblewrap.Check(Bins, _dir, bwrap)); // the process's memory is corrected too
    }

    [Fact]
    public async Task A_stale_remembered_success_does_not_stop_a_lab_the_sandbox_probes_again_and_runs_plain()
    {
        var bwrap = FailingBwrap();
        var cache = Path.Combine(SuiteEnvironment.CacheHome, "labrunner", "templates"); // the child's default cache
        var file = ProbeCache.FileFor(cache, bwrap);
        ProbeCache.Remember(file, ProbeCache.Key(bwrap, Identity)!);
        var lab = Path.Combine(_dir, "lab.yaml");
        await File.WriteAllTextAsync(lab, """
            id: probe-stale
            title: Stale probe
            tasks:
              - id: t
                title: Tarea 1.
                steps:
                  - id: sql
                    title: Paso 1.
                    sql: SELECT 1 AS uno;
            """);
        var psi = new ProcessStartInfo("dotnet", [TestPaths.LabrunnerDll, "check", lab, "--sandbox-root", Path.Combine(TestPaths.SandboxRoot, "probe-stale")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["LABRUNNER_BWRAP"] = bwrap;
        try
        {
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEndAsync();
            var errors = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));

            Assert.True(p.ExitCode == 0, await output + await errors);
            Assert.EndsWith("0 passed, 0 failed, 1 ran", (await output).TrimEnd()); // it ran (nothing expected of it)
            Assert.False(File.Exists(file));
        }
        finally
        {
            ProbeCache.Forget(file);
        }
    }
}
