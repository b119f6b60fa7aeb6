using LabRunner.Postgres;
using LabRunner.Setup;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Setup;

/// <summary>
/// Missing software found, named with the exact command, or installed: on a fake machine (a PATH of recording fakes and
/// an empty PostgreSQL root), so this machine's real PostgreSQL is never removed or reinstalled.
/// </summary>
public sealed class MachineSetupTests : IDisposable
{
    private readonly FakeMachine _machine = new();
    private readonly List<string> _log = [];

    public void Dispose() => _machine.Dispose();

    private static readonly SetupNeeds ServerAndRsync = new() { PostgresServer = true, Tools = ["rsync"] };

    [Fact]
    public async Task Missing_and_not_allowed_to_install_it_names_the_exact_command()
    {
        _machine.WithProgram("apt-get");

        var e = await Assert.ThrowsAsync<MissingSoftwareException>(() =>
            MachineSetup.EnsureAsync(_machine.Host(root: true), ServerAndRsync, install: false, "run again with --install-missing", _log.Add, default));

        Assert.Equal("PostgreSQL (initdb, pg_ctl) and rsync are not installed: install them with " +
            "`apt-get install -y postgresql rsync`, or run again with --install-missing (or point LabRunner at installed binaries " +
            "with --pg-bin DIR, or use an existing server with --connection).", e.Message);
        Assert.Empty(_machine.Calls); // nothing was run
    }

    [Fact]
    public async Task Missing_and_sudo_wants_a_password_it_says_what_to_type_and_does_not_offer_to_install()
    {
        _machine.WithProgram("apt-get").WithPasswordSudo();

        var e = await Assert.ThrowsAsync<MissingSoftwareException>(() =>
            MachineSetup.EnsureAsync(_machine.Host(root: false), ServerAndRsync, install: false, "run again with --install-missing", _log.Add, default));
        var asked = await Assert.ThrowsAsync<MissingSoftwareException>(() =>
            MachineSetup.EnsureAsync(_machine.Host(root: false), ServerAndRsync, install: true, null, _log.Add, default));

        Assert.Equal("PostgreSQL (initdb, pg_ctl) and rsync are not installed: install them with " +
            "`sudo apt-get install -y postgresql rsync` (or point LabRunner at installed binaries with --pg-bin DIR, or use an existing " +
            "server with --connection).", e.Message);
        Assert.Equal("PostgreSQL (initdb, pg_ctl) and rsync are not installed, and installing needs root: `sudo -n` asks " +
            "for a password. Run `sudo apt-get install -y postgresql rsync` yourself, then start LabRunner again.", asked.Message);
        Assert.Equal(["sudo -n true", "sudo -n true"], _machine.Calls); // asked sudo, installed nothing
    }

    [Fact]
    public async Task Installing_runs_apt_get_through_sudo_n_and_finds_the_binaries_it_installed()
    {
        await TestSoftware.RequirePostgresAsync();
        var real = await PgBinaries.FindAsync(null, default);
        _machine.WithAptGetLinking(real.BinDirectory, real.MajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithPasswordlessSudo();

        var found = await MachineSetup.EnsureAsync(_machine.Host(root: false), new SetupNeeds { PostgresServer = true }, install: true, null, _log.Add, default);

        Assert.Equal(["sudo -n true", "sudo -n apt-get install -y postgresql", "apt-get install -y postgresql"], _machine.Calls);
        Assert.Equal(Path.Combine(_machine.PostgresRoot, real.MajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), "bin"), found!.BinDirectory);
        Assert.Equal(real.Version, found.Version);
        Assert.Equal("installing PostgreSQL (initdb, pg_ctl): sudo -n apt-get install -y postgresql", _log[0]);
        Assert.Contains($"Setting up postgresql-{real.MajorVersion} ...", _log);
        Assert.Equal("installed PostgreSQL (initdb, pg_ctl)", _log[^1]);
    }

    [Fact]
    public async Task A_failed_install_says_which_command_failed_and_its_last_words()
    {
        _machine.WithProgram("apt-get", "echo 'E: Unable to locate package postgresql' >&2\nexit 100");

        var e = await Assert.ThrowsAsync<MissingSoftwareException>(() =>
            MachineSetup.EnsureAsync(_machine.Host(root: true), ServerAndRsync, install: true, null, _log.Add, default));

        Assert.Equal("`apt-get install -y postgresql rsync` failed (exit code 100): E: Unable to locate package postgresql", e.Message);
    }

    [Fact]
    public async Task An_install_that_leaves_the_software_missing_says_so()
    {
        _machine.WithProgram("apt-get");

        var e = await Assert.ThrowsAsync<MissingSoftwareException>(() =>
            MachineSetup.EnsureAsync(_machine.Host(root: true), ServerAndRsync, install: true, null, _log.Add, default));

        Assert.Equal("`apt-get install -y postgresql rsync` ran, but PostgreSQL (initdb, pg_ctl) and rsync are still not found", e.Message);
    }

    [Fact]
    public async Task Nothing_missing_nothing_run()
    {
        _machine.WithProgram("apt-get").WithProgram("rsync");

        var found = await MachineSetup.EnsureAsync(_machine.Host(root: true), new SetupNeeds { Tools = ["rsync"] }, install: true, null, _log.Add, default);

        Assert.Null(found);
        Assert.Empty(_machine.Calls);
        Assert.Empty(_log);
    }
}
