namespace LabRunner.Text;

/// <summary>The lab screen while its server starts, in Spanish.</summary>
internal sealed partial class SpanishCatalogue
{
    public override string StartingServer => "iniciando el servidor…";
    public override string ServerNotStarted => "servidor no iniciado";
    public override string WaitForServer => "El servidor de la práctica aún se está iniciando: esta tecla funciona cuando esté listo (Esc detiene el inicio).";
    public override string NoServer => "El servidor de la práctica no está en marcha: Ctrl+R lo inicia.";
    public override string StartCancelled => "Se detuvo el inicio del servidor. Ctrl+R lo inicia.";
    public override string StartFailedTitle => "El servidor no arrancó";
    public override string StartFailedQuestion(string why) =>
        $"No se pudo iniciar el servidor de la práctica:\n\n{why}\n\nPuedes seguir leyendo la práctica. Ctrl+R lo intenta de nuevo; Ctrl+Q sale.";
    public override string SetupConsentTitle => "¿Dejar que la preparación de la práctica ejecute programas?";
    public override string SetupConsentQuestion(string what) =>
        $"Antes de su primer paso, esta práctica hace que el servidor ejecute programas en su máquina (dentro del sandbox):\n\n{what}\n\n" +
        "¿Iniciar el servidor con ellos? (Los pasos que ejecutan programas siguen preguntando uno a uno.)";
    public override string StartServer => "_Iniciar el servidor";
    public override string SetupDeclined => "El servidor no se inició: su preparación necesita tu consentimiento. Puedes leer la práctica; Ctrl+R vuelve a preguntar.";
    public override string QuitButton => "_Salir";
}
