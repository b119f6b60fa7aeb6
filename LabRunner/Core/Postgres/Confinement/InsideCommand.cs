using System.Globalization;

namespace LabRunner.Postgres.Confinement;

/// <summary>
/// The argv prefix that runs a command inside a sandbox: nsenter joins the holder's user, mount, network, pid and IPC
/// namespaces (as root, after dropping to postgres: entering as root would make it "nobody" with real uid 0), then
/// setpriv adds no_new_privs (as bwrap gives its own children) and env starts from a clean environment, in a folder.
/// The command is then in the same pid space, loopback and Debian paths as the sandbox's servers.
/// </summary>
internal sealed record InsideCommand(OsIdentity Identity, int HolderPid)
{
    public IReadOnlyList<string> Prefix(string workingDirectory, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var argv = new List<string>(Identity.AsOwner)
        {
            "nsenter", "-t", HolderPid.ToString(CultureInfo.InvariantCulture), "-U", "-m", "-n", "-p", "-i",
            // Required when not root: without it nsenter tries to become uid 0 inside and setgroups fails.
            "--preserve-credentials", "--",
            "setpriv", "--no-new-privs", "--",
        };
        argv.AddRange(CleanEnvironment(workingDirectory, environment));
        return argv;
    }

    /// <summary>The part of <see cref="Prefix"/> that runs inside: env from a clean environment, in a folder. A command
    /// the namespace holder runs itself (already inside, with no_new_privs from bwrap) starts with it too, so it sees
    /// exactly what a command entering with nsenter sees.</summary>
    public static IReadOnlyList<string> CleanEnvironment(string workingDirectory, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var argv = new List<string> { "env", "-i", "-C", workingDirectory };
        foreach (var (k, v) in BaseEnvironment.Concat(environment)) argv.Add($"{k}={v}");
        return argv;
    }

    /// <summary>What a login as postgres on a Debian server has (the locale of new clusters comes from LANG).</summary>
    public static IEnumerable<KeyValuePair<string, string>> BaseEnvironment { get; } = new Dictionary<string, string>
    {
        ["HOME"] = HolderArguments.InsideHome,
        ["USER"] = OsIdentity.PostgresUser,
        ["LOGNAME"] = OsIdentity.PostgresUser,
        ["SHELL"] = "/bin/bash",
        ["PATH"] = HolderArguments.InsidePath,
        ["LANG"] = "C.UTF-8",
        ["TERM"] = "dumb",
    };

    /// <summary>Runs a short command inside (pg_ctl, pg_createcluster) and captures its output.</summary>
    public Task<ProcessResult> RunAsync(IEnumerable<string> command, CancellationToken ct, string workingDirectory = HolderArguments.InsideHome)
    {
        var argv = Prefix(workingDirectory, []).Concat(command).ToList();
        return ProcessRunner.RunAsync(argv[0], argv.Skip(1), ct);
    }
}
