using LabRunner.Setup;
using LabRunner.Text;

namespace LabRunner.Tui;

/// <summary>The setup dialog's words, English and Spanish (the rest of the interface's are in <see cref="Catalogue"/>).</summary>
public sealed record SetupText
{
    public required string Title { get; init; }
    public required string Install { get; init; }
    public required string Quit { get; init; }
    public required string Cancel { get; init; }
    public required string Cancelled { get; init; }
    public required Func<MissingSoftware, string> Question { get; init; }
    public required Func<MissingSoftware, string> CannotInstall { get; init; }
    public required Func<MissingSoftware, string> Installing { get; init; }
    public required Func<string, string> Failed { get; init; }

    public static readonly SetupText English = new()
    {
        Title = "Missing software",
        Install = "Install",
        Quit = "Quit",
        Cancel = "Cancel",
        Cancelled = "installation cancelled",
        Question = m => $"{m.What} {(m.Software.Count == 1 ? "is" : "are")} not installed. LabRunner can install {(m.Software.Count == 1 ? "it" : "them")} now with:\n\n  {m.Plan.CommandText}",
        CannotInstall = m => m.CannotInstall(),
        Installing = m => $"Installing {m.What}…",
        Failed = why => $"The installation failed: {why}",
    };

    public static readonly SetupText Spanish = new()
    {
        Title = "Falta software",
        Install = "Instalar",
        Quit = "Salir",
        Cancel = "Cancelar",
        Cancelled = "instalación cancelada",
        Question = m => $"No está instalado: {m.What}. LabRunner puede instalarlo ahora con:\n\n  {m.Plan.CommandText}",
        CannotInstall = m => m.Plan.Commands.Count == 0
            ? $"No está instalado: {m.What}. {m.Plan.Hint}."
            : $"No está instalado: {m.What}. Instalarlo requiere root (sudo pide contraseña): ejecuta `{m.Plan.TypedCommand}` en una terminal y vuelve a abrir LabRunner.",
        Installing = m => $"Instalando {m.What}…",
        Failed = why => $"La instalación falló: {why}",
    };

    public static SetupText For(Catalogue text) => text.Code.StartsWith("es", StringComparison.Ordinal) ? Spanish : English;
}
