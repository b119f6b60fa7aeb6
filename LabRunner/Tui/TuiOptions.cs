using LabRunner.Postgres;
using LabRunner.Setup;
using LabRunner.Text;

namespace LabRunner.Tui;

public sealed record TuiOptions
{
    /// <summary>A catalog id or a lab file; null opens the picker.</summary>
    public string? Lab { get; init; }
    /// <summary>--lang as given; null when it was not.</summary>
    public string? Lang { get; init; }
    /// <summary>Where the locale variables are read; null = the process's environment (tests give their own).</summary>
    public Func<string, string?>? Environment { get; init; }
    /// <summary>The interface language before a lab is open (the lab picker): --lang, else the locale, else English.</summary>
    public Catalogue Text => Catalogue.Resolve(Lang, Environment);
    /// <summary>A lab's interface language: --lang, else a locale naming en or es, else the lab's own language, else English.</summary>
    public Catalogue TextFor(Labs.Lab lab) => Catalogue.Resolve(Lang, Environment, lab.Language);
    public TargetOptions Target { get; init; } = new();
    /// <summary>The machine, for finding and installing missing software.</summary>
    public HostSystem Host { get; init; } = HostSystem.Current();
    /// <summary>--install-missing: install without the dialog (before the screen opens).</summary>
    public bool InstallMissing { get; init; }
    public string? CatalogPath { get; init; }
    /// <summary>--unconfined-shell: where shell steps cannot be confined, the student's yes to a step lets it run on this machine.</summary>
    public bool UnconfinedShell { get; init; }
    /// <summary>
    /// --allow-shell: the lab's settings and setup SQL may run programs on the server; without it the screen asks before
    /// the server starts. Steps still ask one by one.
    /// </summary>
    public bool AllowSetupPrograms { get; init; }
    /// <summary>Where progress is saved; null = the user's data directory.</summary>
    public string? ProgressDirectory { get; init; }
}
