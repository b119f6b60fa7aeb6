using LabRunner.Setup;

namespace LabRunner.Tests.Setup;

/// <summary>
/// A machine without PostgreSQL, made of a temporary PATH of fake programs (apt-get, sudo, brew) that record their
/// arguments. Nothing is really installed, and the real PostgreSQL of this machine is never touched.
/// </summary>
internal sealed class FakeMachine : IDisposable
{
    public FakeMachine()
    {
        Root = Directory.CreateTempSubdirectory("labrunner-fake-machine-").FullName;
        File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101); // the sandbox's postgres user runs the linked binaries
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(PostgresRoot);
        Directory.CreateDirectory(AptLists);
        File.WriteAllText(Path.Combine(AptLists, "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages"), "");
    }

    public string Root { get; }
    public string Bin => Path.Combine(Root, "bin");
    public string PostgresRoot => Path.Combine(Root, "usr-lib-postgresql");
    public string AptLists => Path.Combine(Root, "apt-lists");
    /// <summary>One line per call of a fake program: its name and arguments.</summary>
    public string CallLog => Path.Combine(Root, "calls.log");

    public IReadOnlyList<string> Calls => File.Exists(CallLog) ? File.ReadAllLines(CallLog) : [];

    public HostSystem Host(bool root, bool macOS = false) => new()
    {
        SearchPath = [Bin],
        IsRoot = root,
        IsMacOS = macOS,
        PostgresRoots = [PostgresRoot],
        AptListsDirectory = AptLists,
    };

    /// <summary>A fake program that records its arguments, then runs <paramref name="body"/> (sh, absolute paths: PATH holds only fakes).</summary>
    public FakeMachine WithProgram(string name, string body = "exit 0")
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, $"#!/bin/sh\necho \"{name} $*\" >> '{CallLog}'\n{body}\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return this;
    }

    /// <summary>apt-get whose `install` "installs" PostgreSQL by linking this machine's real server binaries into the fake root.</summary>
    public FakeMachine WithAptGetLinking(string realBinDirectory, string major) => WithProgram("apt-get", $"""
        [ "$1" = install ] || exit 0
        echo "Setting up postgresql-{major} ..."
        /bin/mkdir -p '{PostgresRoot}/{major}/bin'
        for p in initdb pg_ctl postgres; do /bin/ln -sf '{realBinDirectory}'/$p '{PostgresRoot}/{major}/bin/'$p; done
        """);

    /// <summary>sudo that runs its command when asked with -n (passwordless), as a CI runner's sudo does.</summary>
    public FakeMachine WithPasswordlessSudo() => WithProgram("sudo", "[ \"$1\" = -n ] && shift\nexec \"$@\"");

    /// <summary>sudo that wants a password: with -n it refuses, as sudo does.</summary>
    public FakeMachine WithPasswordSudo() => WithProgram("sudo", "echo 'sudo: a password is required' >&2\nexit 1");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
