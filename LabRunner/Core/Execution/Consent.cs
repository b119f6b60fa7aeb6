using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// What a step may do beyond the database that needs the user's yes first, as flags: what a step needs
/// (<see cref="ConsentRules.Needed"/>) and what the user granted (--allow-shell for a run, the TUI's question per step)
/// are the same kind of value. LabRun and the executor check them alike.
/// </summary>
[Flags]
public enum Consent
{
    None = 0,
    /// <summary>Run a shell command on the user's machine.</summary>
    Shell = 1,
    /// <summary>
    /// Let a shell step run on the host itself where it cannot be confined (no bubblewrap, or a server LabRunner did not
    /// start): --unconfined-shell. Never implied by <see cref="Shell"/>; the executor asks the step's server.
    /// </summary>
    Unconfined = 2,
    /// <summary>
    /// Let SQL reach past the database into the server's machine: run a program (COPY … PROGRAM, archive_command), write
    /// a file there, load native code, or build SQL at run time that no filter can read. The sandbox's login is a
    /// superuser, so the server would do it as its OS user: the same yes as a shell step (<see cref="ConsentRules.AllowShell"/>).
    /// </summary>
    ServerProgram = 4,
}

/// <summary>Where, before the first step, a lab makes the server run programs.</summary>
public enum SetupPlace { Setting, SetupSql }

/// <summary>Which consents a step's action (or a whole lab) needs before it may run.</summary>
public static class ConsentRules
{
    /// <summary>What --allow-shell and the TUI's "allow" grant: shell steps and SQL that runs programs, one yes for both.</summary>
    public const Consent AllowShell = Consent.Shell | Consent.ServerProgram;

    public static Consent Needed(StepAction action) => action switch
    {
        ShellAction => Consent.Shell,
        SqlAction or EditAction when ProgramsIn(action).Count > 0 => Consent.ServerProgram,
        _ => Consent.None,
    };

    /// <summary>What the action needs and <paramref name="granted"/> does not give (None when it may run).</summary>
    public static Consent Missing(StepAction action, Consent granted) => Needed(action) & ~granted;

    /// <summary>What in a script reaches past the database into the server's machine (empty: nothing needs consent).</summary>
    public static IReadOnlyList<SqlEffect> ProgramsIn(string sql) => SqlEffects.Of(sql).Where(e => e.NeedsConsent).ToList();

    /// <summary>
    /// What a step's action makes the server run or load: its SQL's effects, or the program settings a config edit writes
    /// (archive_command in postgresql.conf runs at the next archive, as ALTER SYSTEM SET would make it).
    /// </summary>
    public static IReadOnlyList<SqlEffect> ProgramsIn(StepAction action) => action switch
    {
        SqlAction sql => ProgramsIn(sql.Sql),
        EditAction edit => ConfigEdit.SettingsIn(edit.Lines)
            .Select(s => SqlEffects.OfSetting(s.Name, s.Line) is { } e ? e with { Reason = $"{Path.GetFileName(edit.File)}: {e.Reason}" } : null)
            .OfType<SqlEffect>().Where(e => e.NeedsConsent).ToList(),
        _ => [],
    };

    /// <summary>
    /// What runs before the first step and needs consent: the lab's server settings (archive_command...) and its setup
    /// SQL. A sandbox applies the settings when it starts, so this is asked before the server is even opened.
    /// </summary>
    public static IReadOnlyList<string> BeforeSteps(Lab lab) =>
        BeforeStepsByPlace(lab).Select(n => (n.Place == SetupPlace.Setting ? "server setting " : "setup SQL ") + SqlEffects.Describe(n.Effects)).ToList();

    /// <summary><see cref="BeforeSteps"/> as data, for an interface that says it in its own language.</summary>
    public static IReadOnlyList<(SetupPlace Place, IReadOnlyList<SqlEffect> Effects)> BeforeStepsByPlace(Lab lab)
    {
        var needs = new List<(SetupPlace, IReadOnlyList<SqlEffect>)>();
        foreach (var name in lab.Server.Settings.Keys.Order(StringComparer.Ordinal))
            if (SqlEffects.OfSetting(name) is { NeedsConsent: true } effect) needs.Add((SetupPlace.Setting, [effect]));
        if (lab.Server.Setup is { } setup && ProgramsIn(setup) is { Count: > 0 } effects)
            needs.Add((SetupPlace.SetupSql, effects));
        return needs;
    }

    /// <summary>Every place where a lab's SQL or settings run programs on the server ("server setting …", "task/step: …"), for `validate`.</summary>
    public static IReadOnlyList<string> Everywhere(Lab lab)
    {
        var needs = new List<string>(BeforeSteps(lab));
        foreach (var task in lab.Tasks)
            foreach (var step in task.Steps.Concat(task.Checks))
                foreach (var action in step.Variants.Select(v => v.Action).Prepend(step.Action).Distinct())
                    if (ProgramsIn(action) is { Count: > 0 } effects)
                        needs.Add($"{task.Id}/{step.Id}: {SqlEffects.Describe(effects)}");
        return needs;
    }
}
