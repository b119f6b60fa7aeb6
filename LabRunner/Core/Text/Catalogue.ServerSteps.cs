using LabRunner.Execution;

namespace LabRunner.Text;

/// <summary>What a server step says (<see cref="ServerStepNote"/>), and the per-line marker of a cut shell line.</summary>
public partial class Catalogue
{
    public string ServerStep(ServerStepNote note) => note switch
    {
        ServerStepNeedsSandbox n => ServerStepNeedsSandbox(n.Command, n.RunsOn),
        EditNeedsSandbox n => EditNeedsSandbox(n.File, n.RunsOn),
        NoSuchSandboxFile n => NoSuchSandboxFile(n.File),
        NoDataDirectoryGiven => NoDataDirectory,
        ServerRefused { Why: ServerRefusal.TarFormatBackup } n => TarFormatBackup(n.Subject),
        ServerRefused { Why: ServerRefusal.NotADataDirectory } n => NotADataDirectory(n.Subject),
        ServerRefused { Why: ServerRefusal.BadServerName } n => BadServerName(n.Subject),
        ServerRefused n => ServerExists(n.Subject),
        ConfigEdited n => ConfigEdited(n.File),
        ConfigLeftAsItWas n => ConfigLeftAsItWas(n.File),
        ConfigApplied n => ConfigApplied(n.File) + "\n" + n.Lines.TrimEnd(),
        _ => note.Line,
    };

    public virtual string ServerStepNeedsSandbox(string command, string runsOn) => $"not run: {command} needs a sandbox, and this lab runs on {runsOn}";
    public virtual string EditNeedsSandbox(string file, string runsOn) => $"not run: {file} is a file of the sandbox's servers, and this lab runs on {runsOn}";
    public virtual string NoSuchSandboxFile(string file) => $"{file}: no such file in the sandbox";
    public virtual string NoDataDirectory => "no data directory to start the server on";
    public virtual string TarFormatBackup(string directory) => $"{directory} holds a tar-format backup (base.tar): extract it first, e.g. tar -xf {directory}/base.tar -C DIR";
    public virtual string NotADataDirectory(string directory) => $"{directory} is not a PostgreSQL data directory (no PG_VERSION): was the backup or copy made there?";
    public virtual string BadServerName(string name) => $"bad server name \"{name}\": use letters, digits, \"_\" and \"-\" (a Debian cluster name)";
    public virtual string ServerExists(string name) => $"the sandbox already has a server \"{name}\"";
    public virtual string ConfigEdited(string file) => $"(edited {file})";
    public virtual string ConfigLeftAsItWas(string file) => $"({file} left as it was)";
    public virtual string ConfigApplied(string file) => $"(applied to {file}:)";

    /// <summary>The end of a shell output line cut at its length limit: " [… 83616 characters left out]".</summary>
    public virtual string CharactersLeftOut(long n) => $" [… {n.ToString(Culture)} characters left out]";
}
