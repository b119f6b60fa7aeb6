using LabRunner.Execution;
using LabRunner.Psql;

namespace LabRunner.Text;

/// <summary>What a lab's SQL or settings make the server do, in Spanish: the construct as SQL writes it, the rest translated.</summary>
internal sealed partial class SpanishCatalogue
{
    public override string Effect(SqlEffect e)
    {
        if (e.Subject.Length == 0) return base.Effect(e);
        var what = e.Kind switch
        {
            SqlEffectKind.RunsProgram => "hace que el servidor ejecute un programa",
            SqlEffectKind.WritesServerFile => "escribe un archivo en la máquina del servidor",
            SqlEffectKind.RunsDynamicSql => "ejecuta SQL construido al vuelo, que ningún filtro puede leer",
            SqlEffectKind.LoadsServerCode => "carga código nativo en el servidor",
            _ => "no es una lectura",
        };
        return e.Line > 0 ? $"línea {e.Line}: {e.Subject} {what}" : $"{e.Subject} {what}";
    }

    public override string SetupNeed(SetupPlace place, IReadOnlyList<SqlEffect> effects) =>
        (place == SetupPlace.Setting ? "parámetro del servidor " : "SQL de preparación ") + Effects(effects);
}
