namespace LabRunner.Tui;

/// <summary>The interface's own words (not the lab's, which are shown in the lab's language). English and Spanish.</summary>
public sealed record UiText
{
    private static readonly string[] LocaleVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    public required string Code { get; init; }
    public required string Steps { get; init; }
    public required string Instructions { get; init; }
    public required string Command { get; init; }
    public required string CommandEdited { get; init; }
    public required string Actual { get; init; }
    public required string Expected { get; init; }
    public required string NoExpectation { get; init; }
    public required string NotRunYet { get; init; }
    public required string Run { get; init; }
    public required string Next { get; init; }
    public required string Previous { get; init; }
    public required string Hint { get; init; }
    public required string NoHint { get; init; }
    public required string Restore { get; init; }
    public required string ResetStep { get; init; }
    public required string Restart { get; init; }
    public required string Toggle { get; init; }
    public required string Help { get; init; }
    public required string Quit { get; init; }
    public required string Cancel { get; init; }
    public required string Running { get; init; }
    public required string WaitingForLock { get; init; }
    public required string NextCheckIn { get; init; }
    public required string GivesUpIn { get; init; }
    public required string Passed { get; init; }
    public required string Failed { get; init; }
    public required string Error { get; init; }
    public required string Cancelled { get; init; }
    public required string Ran { get; init; }
    public required string Sandbox { get; init; }
    public required string Database { get; init; }
    public required string PassedCount { get; init; }
    public required string ShellTitle { get; init; }
    public required string ShellQuestion { get; init; }
    public required string AllowOnce { get; init; }
    public required string AllowAll { get; init; }
    public required string RestartTitle { get; init; }
    public required string RestartQuestion { get; init; }
    public required string QuitTitle { get; init; }
    public required string QuitQuestion { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string ResumeTitle { get; init; }
    public required string ResumeQuestion { get; init; }
    /// <summary>{0}: what is wrong with the saved progress file; {1}: where it was moved.</summary>
    public required string ProgressSetAside { get; init; }
    public required string Continue { get; init; }
    public required string StartOver { get; init; }
    public required string HelpTitle { get; init; }
    public required string HelpText { get; init; }
    public required string Close { get; init; }
    public required string PickLab { get; init; }
    public required string NoLabs { get; init; }
    public required string Restarting { get; init; }
    public required string Busy { get; init; }

    public static readonly UiText English = new()
    {
        Code = "en",
        Steps = "Steps",
        Instructions = "Instructions",
        Command = "Command",
        CommandEdited = "Command (edited — F3 restores the original)",
        Actual = "Your output",
        Expected = "Expected",
        NoExpectation = "(this step has no expected output: it passes when it runs without error)",
        NotRunYet = "(not run yet — press F5)",
        Run = "Run",
        Next = "Next",
        Previous = "Prev",
        Hint = "Hint",
        NoHint = "This step has no hint.",
        Restore = "Original",
        ResetStep = "Reset step",
        Restart = "Restart",
        Toggle = "Actual/expected",
        Help = "Help",
        Quit = "Quit",
        Cancel = "Cancel",
        Running = "running",
        WaitingForLock = "waiting for lock",
        NextCheckIn = "next check in {0}",
        GivesUpIn = "gives up in {0}",
        Passed = "Passed",
        Failed = "Failed",
        Error = "Error",
        Cancelled = "Cancelled",
        Ran = "ran in {0}",
        Sandbox = "sandbox",
        Database = "db",
        PassedCount = "{0}/{1} passed",
        ShellTitle = "Run a shell command?",
        ShellQuestion = "This step runs a command on your machine:\n\n{0}\n\nAllow it?",
        AllowOnce = "Allow _once",
        AllowAll = "Allow _all for this lab",
        RestartTitle = "Restart the lab?",
        RestartQuestion = "All steps go back to not run, your edits are discarded and the database starts afresh.",
        QuitTitle = "Quit?",
        QuitQuestion = "A step is still running. Cancel it and quit?",
        Yes = "_Yes",
        No = "_No",
        ResumeTitle = "Welcome back",
        ProgressSetAside = "Saved progress could not be read ({0}); it was set aside as {1}. Starting afresh.",
        ResumeQuestion = "You have saved progress in this lab ({0} of {1} steps passed).\nThe database starts afresh: re-run earlier steps if a later one needs their tables.",
        Continue = "_Continue where I left off",
        StartOver = "_Start over",
        HelpTitle = "Keys",
        HelpText = """
            F5, Ctrl+Enter   run the selected step (with your edits)
            Esc              cancel the running step
            F8, Ctrl+N       next step
            F7, Ctrl+P       previous step
            Tab, Shift+Tab   move between panes (steps, instructions, command, output)
            Up, Down         choose a step (in the steps pane); scroll (in other panes)
            F2               show the step's hint
            F3               restore the lab's original command
            F4               switch between your output and the expected output
            F6               reset the step (verdict, output and edits)
            Ctrl+R           restart the lab (asks first)
            F1               this help
            Ctrl+Q           quit (asks if a step is running)
            Progress is saved automatically and offered back next time.
            """,
        Close = "_Close",
        PickLab = "Choose a lab (Enter opens it, Ctrl+Q quits)",
        NoLabs = "No labs found.",
        Restarting = "restarting the lab…",
        Busy = "A step is running: wait for it or press Esc.",
    };

    public static readonly UiText Spanish = English with
    {
        Code = "es",
        Steps = "Pasos",
        Instructions = "Instrucciones",
        Command = "Comando",
        CommandEdited = "Comando (editado — F3 restaura el original)",
        Actual = "Tu salida",
        Expected = "Esperado",
        NoExpectation = "(este paso no tiene salida esperada: pasa si se ejecuta sin error)",
        NotRunYet = "(aún no ejecutado — pulsa F5)",
        Run = "Ejecutar",
        Next = "Sig.",
        Previous = "Ant.",
        Hint = "Pista",
        NoHint = "Este paso no tiene pista.",
        Restore = "Original",
        ResetStep = "Reiniciar paso",
        Restart = "Reiniciar",
        Toggle = "Real/esperado",
        Help = "Ayuda",
        Quit = "Salir",
        Cancel = "Cancelar",
        Running = "ejecutando",
        WaitingForLock = "esperando un bloqueo",
        NextCheckIn = "próxima comprobación en {0}",
        GivesUpIn = "se rinde en {0}",
        Passed = "Correcto",
        Failed = "Incorrecto",
        Error = "Error",
        Cancelled = "Cancelado",
        Ran = "ejecutado en {0}",
        Sandbox = "sandbox",
        Database = "bd",
        PassedCount = "{0}/{1} correctos",
        ShellTitle = "¿Ejecutar un comando de shell?",
        ShellQuestion = "Este paso ejecuta un comando en tu máquina:\n\n{0}\n\n¿Lo permites?",
        AllowOnce = "Permitir _una vez",
        AllowAll = "Permitir _todos en esta práctica",
        RestartTitle = "¿Reiniciar la práctica?",
        RestartQuestion = "Todos los pasos vuelven a no ejecutados, tus cambios se descartan y la base de datos empieza de cero.",
        QuitTitle = "¿Salir?",
        QuitQuestion = "Hay un paso en ejecución. ¿Cancelarlo y salir?",
        Yes = "_Sí",
        No = "_No",
        ResumeTitle = "Bienvenido de nuevo",
        ProgressSetAside = "No se pudo leer el progreso guardado ({0}); se apartó como {1}. Se empieza de cero.",
        ResumeQuestion = "Tienes progreso guardado en esta práctica ({0} de {1} pasos correctos).\nLa base de datos empieza de cero: vuelve a ejecutar pasos anteriores si uno posterior necesita sus tablas.",
        Continue = "_Continuar donde lo dejé",
        StartOver = "_Empezar de nuevo",
        HelpTitle = "Teclas",
        HelpText = """
            F5, Ctrl+Enter   ejecutar el paso seleccionado (con tus cambios)
            Esc              cancelar el paso en ejecución
            F8, Ctrl+N       paso siguiente
            F7, Ctrl+P       paso anterior
            Tab, Mayús+Tab   cambiar de panel (pasos, instrucciones, comando, salida)
            Arriba, Abajo    elegir un paso (en el panel de pasos); desplazar (en los demás)
            F2               mostrar la pista del paso
            F3               restaurar el comando original de la práctica
            F4               alternar entre tu salida y la salida esperada
            F6               reiniciar el paso (veredicto, salida y cambios)
            Ctrl+R           reiniciar la práctica (pregunta antes)
            F1               esta ayuda
            Ctrl+Q           salir (pregunta si hay un paso en ejecución)
            El progreso se guarda solo y se ofrece recuperarlo la próxima vez.
            """,
        Close = "_Cerrar",
        PickLab = "Elige una práctica (Enter la abre, Ctrl+Q sale)",
        NoLabs = "No se encontraron prácticas.",
        Restarting = "reiniciando la práctica…",
        Busy = "Hay un paso en ejecución: espera o pulsa Esc.",
    };

    /// <summary>--lang when given, else LC_ALL, LC_MESSAGES, LANG (psql's order); Spanish for "es*", English otherwise.</summary>
    public static UiText Resolve(string? option, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var lang = !string.IsNullOrWhiteSpace(option)
            ? option
            : LocaleVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return lang is not null && lang.Trim().StartsWith("es", StringComparison.OrdinalIgnoreCase) ? Spanish : English;
    }

    public static bool IsKnown(string code) => code.StartsWith("es", StringComparison.OrdinalIgnoreCase) || code.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}
