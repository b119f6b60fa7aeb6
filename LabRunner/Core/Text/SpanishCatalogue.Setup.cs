using LabRunner.Setup;

namespace LabRunner.Text;

/// <summary>The setup dialog in Spanish.</summary>
internal sealed partial class SpanishCatalogue
{
    public override string SetupTitle => "Falta software";
    public override string Install => "Instalar";
    public override string InstallCancelled => "instalación cancelada";
    public override string InstallQuestion(MissingSoftware m) => $"No está instalado: {m.What}. LabRunner puede instalarlo ahora con:\n\n  {m.Plan.CommandText}";
    public override string CannotInstall(MissingSoftware m) => m.Plan.Commands.Count == 0
        ? $"No está instalado: {m.What}. {m.Plan.Hint}."
        : $"No está instalado: {m.What}. Instalarlo requiere root (sudo pide contraseña): ejecuta `{m.Plan.TypedCommand}` en una terminal y vuelve a abrir LabRunner.";
    public override string Installing(MissingSoftware m) => $"Instalando {m.What}…";
    public override string InstallFailed(string why) => $"La instalación falló: {why}";
}
