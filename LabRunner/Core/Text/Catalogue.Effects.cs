using LabRunner.Execution;
using LabRunner.Psql;

namespace LabRunner.Text;

/// <summary>What a lab's SQL or settings make the server do beyond the database, said in the interface's language.</summary>
public partial class Catalogue
{
    /// <summary>The effects, "; "-separated, each with its line when it has one.</summary>
    public string Effects(IEnumerable<SqlEffect> effects) => string.Join("; ", effects.Select(Effect).Distinct());

    public virtual string Effect(SqlEffect e) => e.Line > 0 ? $"line {e.Line}: {e.Reason}" : e.Reason;

    /// <summary>One thing that runs before the first step (a server setting, the setup SQL).</summary>
    public virtual string SetupNeed(SetupPlace place, IReadOnlyList<SqlEffect> effects) =>
        (place == SetupPlace.Setting ? "server setting " : "setup SQL ") + Effects(effects);
}
