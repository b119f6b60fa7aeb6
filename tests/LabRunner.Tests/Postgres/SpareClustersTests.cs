using System.Diagnostics;
using LabRunner.Postgres;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Postgres;

/// <summary>A sandbox reuses a stopped one's files, brought back to the template exactly; nothing of the earlier lab remains.</summary>
public sealed class SpareClustersTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-spares-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly ClusterOwner Self = new((string?)null);

    private string Make(string name, params (string Path, string Text)[] files)
    {
        var root = Path.Combine(_dir, name);
        foreach (var (path, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            File.WriteAllText(Path.Combine(root, path), text);
        }
        return root;
    }

    private static string Inode(string path) =>
        Process.Start(new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!.StandardOutput.ReadToEnd().Trim();

    private static IEnumerable<string> Tree(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(p =>
            $"{Path.GetRelativePath(root, p)} {File.GetUnixFileMode(p)} {(File.Exists(p) ? File.ReadAllText(p) : "dir")}");

    /// <summary>Every entry with its type, mode, owner, size, modification time and link target (what a reset makes equal), as `find` sees it.</summary>
    private static IEnumerable<string> Owned(string root) =>
        Process.Start(new ProcessStartInfo("find", [root, "-mindepth", "1", "-printf", "%P %y %m %u %g %s %T@ %l\\n"]) { RedirectStandardOutput = true })!
            .StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            // A directory's size and time do not matter; times are compared to the 100 ns .NET reads and sets.
            .Select(l => l.Split(' ') is var f && f[1] == "d" ? string.Join(' ', f[..5]) : string.Join(' ', [.. f[..6], f[6][..^3], .. f[7..]]))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void Reset_brings_a_used_copy_back_to_the_template_reusing_its_files()
    {
        var template = Make("template", ("PG_VERSION", "15\n"), ("base/1/1259", "catalog"), ("base/5/2619", "stats"), ("global/pg_control", "control"));
        var used = Path.Combine(_dir, "used");
        Process.Start("cp", ["-a", template, used]).WaitForExit();
        var untouched = Inode(Path.Combine(used, "base/1/1259"));
        var rewritten = Inode(Path.Combine(used, "global/pg_control"));
        File.WriteAllText(Path.Combine(used, "global/pg_control"), "CONTROL"); // same size, newer time
        File.WriteAllText(Path.Combine(used, "base/5/2619"), "stats after a lab ran");
        File.Delete(Path.Combine(used, "PG_VERSION"));
        Make("used", ("base/16384/16385", "a student's table"), ("postmaster.pid", "4242"));
        File.SetUnixFileMode(Path.Combine(used, "base/1/1259"), UnixFileMode.UserRead);

        SpareClusters.Reset(template, used, Self);

        Assert.Equal(Tree(template), Tree(used));
        Assert.Equal(untouched, Inode(Path.Combine(used, "base/1/1259")));
        Assert.Equal(rewritten, Inode(Path.Combine(used, "global/pg_control")));
    }

    private string Used(string template, string name)
    {
        var used = Path.Combine(_dir, name);
        Process.Start("cp", ["-a", template, used]).WaitForExit();
        File.WriteAllText(Path.Combine(used, "global/pg_control"), "CONTROL");
        Make(name, ("base/16384/16385", "a student's table"), ("postmaster.pid", "4242"), ("holder.json", "{}"));
        SandboxLease.Write(used);
        return used;
    }

    private static IEnumerable<string> TopLevel(string dir) => Directory.EnumerateFileSystemEntries(dir).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal);

    [Fact]
    public void A_folder_kept_at_dispose_is_reset_there_marked_clean_and_claimed_by_a_rename_alone()
    {
        var template = Make("template", ("PG_VERSION", "15\n"), ("base/1/1259", "catalog"), ("global/pg_control", "control"));
        var root = Directory.CreateDirectory(Path.Combine(_dir, "root")).FullName;
        var used = Used(template, "root/sandbox-1");

        Assert.True(SpareClusters.TryKeepReset(root, "k", template, used, Self, SandboxLease.FileName));

        Assert.False(Directory.Exists(used));
        var spare = Assert.Single(Directory.GetDirectories(root, "spare-k-*"));
        Assert.Equal(TopLevel(template).Append(SpareClusters.CleanMark).Append(SandboxLease.FileName).Order(StringComparer.Ordinal), TopLevel(spare));
        Assert.Equal(Tree(template), Tree(spare).Where(l => !l.StartsWith(SpareClusters.CleanMark + " ", StringComparison.Ordinal) && !l.StartsWith(SandboxLease.FileName + " ", StringComparison.Ordinal)));
        Assert.True(SpareClusters.IsMarkedClean(template, spare, out _));

        var claimed = Path.Combine(root, "claim-1");
        Assert.True(SpareClusters.TryClaim(root, "k", template, claimed, Self));
        Assert.Equal(Tree(template), Tree(claimed)); // nor the mark, nor the old lease
    }

    [Fact]
    public void A_spare_marked_for_a_template_since_rebuilt_is_reset_when_claimed()
    {
        var template = Make("template", ("PG_VERSION", "15\n"), ("global/pg_control", "control"));
        var root = Directory.CreateDirectory(Path.Combine(_dir, "root")).FullName;
        Assert.True(SpareClusters.TryKeepReset(root, "k", template, Used(template, "root/sandbox-1"), Self, SandboxLease.FileName));
        var spare = Assert.Single(Directory.GetDirectories(root, "spare-k-*"));

        // The template is built again (another folder moved into its place), with other content.
        var rebuilt = Make("rebuilt", ("PG_VERSION", "16\n"), ("global/pg_control", "other control"));
        Directory.Delete(template, recursive: true);
        Directory.Move(rebuilt, template);

        Assert.False(SpareClusters.IsMarkedClean(template, spare, out _));
        var claimed = Path.Combine(root, "claim-1");
        Assert.True(SpareClusters.TryClaim(root, "k", template, claimed, Self));
        Assert.Equal(Tree(template), Tree(claimed));
    }

    [Fact]
    public void A_marked_spare_with_anything_else_at_its_top_or_an_older_unmarked_one_is_reset_when_claimed()
    {
        var template = Make("template", ("PG_VERSION", "15\n"), ("global/pg_control", "control"));
        var root = Directory.CreateDirectory(Path.Combine(_dir, "root")).FullName;
        Assert.True(SpareClusters.TryKeepReset(root, "k", template, Used(template, "root/sandbox-1"), Self, SandboxLease.FileName));
        var marked = Assert.Single(Directory.GetDirectories(root, "spare-k-*"));
        File.WriteAllText(Path.Combine(marked, "postmaster.pid"), "4242");
        Assert.False(SpareClusters.IsMarkedClean(template, marked, out _));
        var unmarked = Path.Combine(root, "spare-k-older00000");
        Directory.Move(Used(template, "older"), unmarked);
        Assert.False(SpareClusters.IsMarkedClean(template, unmarked, out _));

        foreach (var n in new[] { "claim-1", "claim-2" })
        {
            var claimed = Path.Combine(root, n);
            Assert.True(SpareClusters.TryClaim(root, "k", template, claimed, Self));
            Assert.Equal(Tree(template), Tree(claimed));
        }
    }

    [Fact]
    public async Task A_new_sandbox_takes_the_spare_a_disposed_one_left_and_starts_clean()
    {
        var root = Path.Combine(TestPaths.SandboxRoot, $"spares-{Guid.NewGuid():N}"[..20]);
        try
        {
            var options = new SandboxOptions { RootDirectory = root, Database = "curso", Confine = false }; // spares are the plain sandbox's
            await using (var first = await Sandbox.StartAsync(options, CancellationToken.None))
            {
                await using var conn = new NpgsqlConnection(first.ConnectionString().ConnectionString);
                await conn.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE TABLE left_behind AS SELECT generate_series(1, 1000) g", conn);
                await create.ExecuteNonQueryAsync();
            }
            var spare = Assert.Single(Directory.GetDirectories(root, "spare-*"));
            Assert.Empty(Directory.GetDirectories(root, "sandbox-*"));

            await using var second = await Sandbox.StartAsync(options, CancellationToken.None);

            Assert.False(Directory.Exists(spare)); // taken
            await using var again = new NpgsqlConnection(second.ConnectionString().ConnectionString);
            await again.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relname = 'left_behind'", again);
            Assert.Equal(0L, await query.ExecuteScalarAsync());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_confined_sandbox_reuses_a_disposed_ones_folder_reset_to_the_template_owners_included()
    {
        var root = Path.Combine(TestPaths.SandboxRoot, $"spares-{Guid.NewGuid():N}"[..20]);
        try
        {
            var options = new SandboxOptions { RootDirectory = root, Database = "curso" };
            string firstDir;
            await using (var first = await Sandbox.StartAsync(options, CancellationToken.None))
            {
                firstDir = first.Directory;
                await using var conn = new NpgsqlConnection(first.ConnectionString().ConnectionString);
                await conn.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE TABLE left_behind AS SELECT generate_series(1, 1000) g", conn);
                await create.ExecuteNonQueryAsync();
                await File.WriteAllTextAsync(Path.Combine(first.WorkDirectory, "notes.txt"), "a student's file");
                File.Delete(first.HostPath("/etc/postgresql-common/createcluster.conf")); // root's file, in the template
            }
            var spare = Assert.Single(Directory.GetDirectories(root, "spare-*"));
            Assert.False(Directory.Exists(firstDir));
            // Reset as the first sandbox was disposed: the template's files exactly (and owners), marked so.
            var key = Path.GetFileName(spare)["spare-".Length..^11];
            var template = Path.Combine(SuiteEnvironment.CacheHome, "labrunner", "templates", key);
            Assert.True(SpareClusters.IsMarkedClean(template, spare, out _));
            var kept = new[] { SpareClusters.CleanMark, SandboxLease.FileName };
            Assert.Equal(Owned(template), Owned(spare).Where(l => !kept.Any(k => l.StartsWith(k + " ", StringComparison.Ordinal))));

            await using var second = await Sandbox.StartAsync(options, CancellationToken.None);

            Assert.False(Directory.Exists(spare)); // taken
            Assert.Empty(Directory.GetDirectories(root, "claim-*"));
            Assert.False(File.Exists(Path.Combine(second.WorkDirectory, "notes.txt")));
            var restored = second.HostPath("/etc/postgresql-common/createcluster.conf");
            Assert.True(File.Exists(restored));
            if (Environment.IsPrivilegedProcess) Assert.Equal((0u, 0u), LabRunner.Postgres.Confinement.Posix.Owner(restored));
            await using var again = new NpgsqlConnection(second.ConnectionString().ConnectionString);
            await again.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relname = 'left_behind'", again);
            Assert.Equal(0L, await query.ExecuteScalarAsync());
        }
        finally
        {
            await SandboxJanitor.RemoveAsync(root);
        }
    }
}
