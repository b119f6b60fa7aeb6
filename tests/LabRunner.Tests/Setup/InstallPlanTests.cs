using LabRunner.Setup;

namespace LabRunner.Tests.Setup;

public sealed class InstallPlanTests : IDisposable
{
    private readonly FakeMachine _machine = new();

    public void Dispose() => _machine.Dispose();

    private static readonly Software[] ServerAndRsync = [Software.PostgresServer, Software.Tool("rsync")];

    [Fact]
    public void As_root_on_Debian_it_is_one_apt_get_install_run_as_is()
    {
        _machine.WithProgram("apt-get");

        var plan = InstallPlan.For(_machine.Host(root: true), ServerAndRsync, sudoWorksWithoutPassword: false);

        Assert.Equal(["postgresql", "rsync"], plan.Packages);
        Assert.Equal([["apt-get", "install", "-y", "postgresql", "rsync"]], plan.Commands);
        Assert.Equal("apt-get install -y postgresql rsync", plan.CommandText);
        Assert.Equal("apt-get install -y postgresql rsync", plan.TypedCommand);
        Assert.True(plan.CanRunUnattended);
    }

    [Fact]
    public void Not_root_it_goes_through_sudo_n_and_a_person_is_told_plain_sudo()
    {
        _machine.WithProgram("apt-get").WithPasswordlessSudo();

        var plan = InstallPlan.For(_machine.Host(root: false), ServerAndRsync, sudoWorksWithoutPassword: true);

        Assert.Equal("sudo -n apt-get install -y postgresql rsync", plan.CommandText);
        Assert.Equal("sudo apt-get install -y postgresql rsync", plan.TypedCommand);
        Assert.True(plan.CanRunUnattended);
    }

    [Fact]
    public void Not_root_and_sudo_wants_a_password_it_cannot_run_unattended()
    {
        _machine.WithProgram("apt-get").WithPasswordSudo();

        var plan = InstallPlan.For(_machine.Host(root: false), ServerAndRsync, sudoWorksWithoutPassword: false);

        Assert.False(plan.CanRunUnattended);
        Assert.Equal("install them with `sudo apt-get install -y postgresql rsync`", plan.Hint);
    }

    [Fact]
    public void Without_package_lists_apt_get_update_comes_first()
    {
        _machine.WithProgram("apt-get");
        foreach (var f in Directory.GetFiles(_machine.AptLists)) File.Delete(f);

        var plan = InstallPlan.For(_machine.Host(root: true), [Software.Tool("bwrap"), Software.Tool("tmux")], sudoWorksWithoutPassword: false);

        Assert.Equal("apt-get update && apt-get install -y bubblewrap tmux", plan.CommandText);
    }

    [Fact]
    public void Tools_map_to_their_packages_once_each()
    {
        _machine.WithProgram("apt-get");

        var plan = InstallPlan.For(_machine.Host(root: true),
            [Software.PostgresServer, Software.Tool("psql"), Software.Tool("pg_basebackup"), Software.Tool("bwrap"), Software.Tool("initdb")], false);

        Assert.Equal(["postgresql", "postgresql-client", "bubblewrap"], plan.Packages);
    }

    [Fact]
    public void On_macOS_with_Homebrew_it_is_brew_install()
    {
        _machine.WithProgram("brew");

        var plan = InstallPlan.For(_machine.Host(root: false, macOS: true), ServerAndRsync, false);

        Assert.Equal("brew install postgresql@17 rsync", plan.CommandText);
        Assert.True(plan.CanRunUnattended);
    }

    [Fact]
    public void On_macOS_without_Homebrew_the_hint_names_Homebrew_and_the_EDB_installer()
    {
        var plan = InstallPlan.For(_machine.Host(root: false, macOS: true), ServerAndRsync, false);

        Assert.Empty(plan.Commands);
        Assert.False(plan.CanRunUnattended);
        Assert.Equal("install Homebrew (https://brew.sh), then `brew install postgresql@17 rsync`; " +
            "or PostgreSQL's installer for macOS (EDB) from https://www.postgresql.org/download/macosx/", plan.Hint);
    }

    [Fact]
    public void Without_a_known_package_manager_the_hint_points_at_PostgreSQL_downloads()
    {
        var plan = InstallPlan.For(_machine.Host(root: true), ServerAndRsync, false);

        Assert.Empty(plan.Commands);
        Assert.Equal("install postgresql and rsync with your system's package manager (PostgreSQL 14 or newer: https://www.postgresql.org/download/)", plan.Hint);
    }
}
