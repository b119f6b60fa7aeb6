namespace LabRunner.Text;

/// <summary>The TUI's words and the run's events in Spanish.</summary>
internal sealed partial class SpanishCatalogue
{
    public override string WaitingForLock => "esperando un bloqueo";
    public override string LockOn(string relation) => $" sobre {relation}";
    public override string HeldBySession(string session) => $" que tiene la {(IsPlace(session) ? Place(session) : "sesión " + session)}";
    public override string HeldByProcess(int pid) => $" que tiene el proceso {pid} del servidor";
    public override string WaitingToMatch(string last) => $"esperando a que la salida coincida (último: {last})";
    public override string ChecksPassed(int n) => n == 1 ? "1 comprobación correcta" : $"{n} comprobaciones correctas";

    public override string Steps => "Pasos";
    public override string OverviewObjectives => "Objetivo de la práctica";
    public override string OverviewDuration => "Duración aproximada";
    public override string OverviewElapsed(TimeSpan elapsed) => $"este intento: {(int)elapsed.TotalMinutes} min";
    public override string OverviewHelp => "Tabla de ayuda";
    public override string OverviewServer => "Tu servidor";
    public override string OverviewVisual => "Objetivo Visual";
    public override string OverviewKeyHelp => "mostrar u ocultar el resumen de la práctica";
    public override string OverviewKeys => "F9 vuelve a este resumen · F8 va a los pasos";
    public override string OverviewScrollKeys => "↑↓ RePág AvPág: desplazarse";
    public override string PlotThreshold => "umbral";
    public override string PlotMarkerChanged(string marker, TimeSpan after) => $"{marker} cambió tras {Duration(after)}";
    public override string PlotKeyHelp => "mostrar u ocultar, a pantalla completa, el gráfico de un paso que observa valores en el tiempo";
    public override string PlotTitle => "Gráfico";
    public override string PlotNone => "Este paso no registra valores en el tiempo: no tiene gráfico.";
    public override string PlotClose => "Ctrl+G lo cierra";
    public override string PlotHint => "Ctrl+G: gráfico";
    public override string LinesLeftOut(long n) => n == 1 ? "… 1 línea omitida …" : $"… {n.ToString(Culture)} líneas omitidas …";
    public override string ServerReady(string name, string port) => $"servidor {name} listo (puerto {port})";
    public override string ServerStartedOn(string name, string directory, string port) => $"servidor {name} iniciado sobre {directory}, acepta conexiones (puerto {port})";
    public override string ServerStopped(string name) => $"servidor {name} detenido";
    public override string Instructions => "Instrucciones";
    public override string Command => "Comando";
    public override string CommandEdited => "Comando (editado — F3 restaura el original)";
    public override string InSession(string session) => $"sesión {session}";
    public override string OnServer(string server) => $"servidor {server}";
    public override string Actual => "Tu salida";
    public override string Expected => "Esperado";
    public override string NoExpectedOutput => "(este paso no tiene salida esperada: pasa si se ejecuta sin error)";
    public override string NotRunYet => "(aún no ejecutado — pulsa F5)";
    public override string ExpectedExitCode(int code) => $"código de salida {code}";
    public override string EventuallyWithin(TimeSpan within, TimeSpan every) => $"(con el tiempo: en {Seconds(within)}, cada {Seconds(every)})";

    public override string Run => "Ejecutar";
    public override string Next => "Sig.";
    public override string Previous => "Ant.";
    public override string Hint => "Pista";
    public override string Restore => "Original";
    public override string ResetStep => "Borrar";
    public override string Restart => "Reiniciar";
    public override string Toggle => "Salida";
    public override string Help => "Ayuda";
    public override string Quit => "Salir";
    public override string Cancel => "Cancelar";

    public override string RunHelp => "ejecutar el paso seleccionado (con tus cambios)";
    public override string CancelHelp => "cancelar el paso en ejecución (la sesión sigue usable) o el arranque del servidor, o cerrar un diálogo";
    public override string NextHelp => "paso siguiente";
    public override string PreviousHelp => "paso anterior";
    public override string PanesHelp => "cambiar de panel (pasos, instrucciones, comando, salida)";
    public override string ChooseHelp => "elegir un paso (en el panel de pasos); desplazar (en los demás)";
    public override string HintHelp => "mostrar la pista del paso";
    public override string RestoreHelp => "restaurar el comando original de la práctica";
    public override string ToggleHelp => "alternar entre tu salida y la salida esperada";
    public override string ResetHelp => "reiniciar el paso (veredicto, salida y cambios)";
    public override string RestartHelp => "reiniciar la práctica con un servidor nuevo (pregunta antes)";
    public override string HelpHelp => "esta ayuda: todas las teclas";
    public override string QuitHelp => "salir (pregunta si hay un paso en ejecución)";
    public override string HelpFooter => "El progreso se guarda solo y se ofrece recuperarlo la próxima vez.";
    public override string ShiftKey => "Mayús";
    public override string UpKey => "Arriba";
    public override string DownKey => "Abajo";

    public override string RunningWord => "ejecutando";
    public override string NextCheckIn(TimeSpan t) => $"próxima comprobación en {Seconds(t)}";
    public override string GivesUpIn(TimeSpan t) => $"se rinde en {Seconds(t)}";
    public override string Passed => "Correcto";
    public override string Failed => "Incorrecto";
    public override string Done => "Hecho";
    public override string NotComparedWord => "No comparado";
    public override string CancelledTitle => "Cancelado";
    public override string CancelledLine => "(cancelado)";
    public override string Ran(TimeSpan t) => $"ejecutado en {Seconds(t)}";
    public override string Restarting => "reiniciando la práctica…";
    public override string Busy => "Hay un paso en ejecución: espera o pulsa Esc.";
    public override string AlsoRunning(int steps) => steps == 1 ? "1 paso más en ejecución" : $"{steps} pasos más en ejecución";
    public override string LaneBusy(string step) => $"La sesión de este paso aún ejecuta «{step}»: espera a que termine, o selecciona ese paso y pulsa Esc.";
    public override string NoHint => "Este paso no tiene pista.";

    public override string Database => "bd";
    public override string DoneCount(int passed, int total) => $"{passed}/{total} hechos";

    public override string ShellTitle => "¿Ejecutar un comando de shell?";
    public override string ShellQuestion(string command) => $"Este paso ejecuta un comando en tu máquina:\n\n{command}\n\n¿Lo permites?";
    public override string ProgramTitle => "¿Dejar que el servidor ejecute un programa?";
    public override string ProgramQuestion(string command, string why) =>
        $"El SQL de este paso va más allá de la base de datos, a la máquina del servidor ({why}):\n\n{command}\n\n¿Lo permites?";
    public override string AllowOnce => "Permitir _una vez";
    public override string AllowAll => "Permitir _todos en esta práctica";
    public override string RestartTitle => "¿Reiniciar la práctica?";
    public override string RestartQuestion => "Todos los pasos vuelven a no ejecutados, tus cambios se descartan y la base de datos empieza de cero.";
    public override string QuitTitle => "¿Salir?";
    public override string QuitQuestion => "Hay un paso en ejecución. ¿Cancelarlo y salir?";
    public override string Yes => "_Sí";
    public override string ResumeTitle => "Bienvenido de nuevo";
    public override string ResumeQuestion(int passed, int total) =>
        $"Tienes progreso guardado en esta práctica ({passed} de {total} pasos hechos). El servidor conserva sus datos.";
    public override string ResumeReplayQuestion(int passed, int total) =>
        $"Tienes progreso guardado en esta práctica ({passed} de {total} pasos hechos).\n\n" +
        "Esta es una base de datos nueva y vacía: las tablas que crearon tus pasos no están. Repite los pasos que hiciste " +
        "(LabRunner los vuelve a ejecutar, en orden) para que coincida con tus marcas, o empieza de nuevo.";
    public override string Replay => "_Repetir mis pasos";
    public override string Replaying(int done, int total, string step) => $"Repitiendo tus pasos: {done} de {total} ({step})";
    public override string Replayed(int total) => total == 1 ? "Se repitió 1 paso: la base de datos coincide con tus marcas." : $"Se repitieron {total} pasos: la base de datos coincide con tus marcas.";
    public override string ReplayStopped(string step) => $"La repetición se detuvo en {step}: esta vez no fue correcto. Ejecútalo de nuevo (F5) o sigue desde ahí.";
    public override string ResetTitle => "¿Reiniciar el paso?";
    public override string ResetQuestion(string step) => $"{step}: se descartan tus cambios al comando, junto con su veredicto y su salida.";
    public override string ProgressNotSaved(string why) => $"No se pudo guardar el progreso: {why}";
    public override string ProgressSetAside(string why, string movedTo) =>
        $"No se pudo leer el progreso guardado ({why}); se apartó como {movedTo}. Se empieza de cero.";
    public override string Continue => "_Continuar donde lo dejé";
    public override string StartOver => "_Empezar de nuevo";
    public override string HelpTitle => "Teclas";
    public override string Close => "_Cerrar";

    public override string MoreAbove(int n) => n == 1 ? "↑ 1 línea más arriba (RePág, Inicio)" : $"↑ {n} líneas más arriba (RePág, Inicio)";
    public override string MoreBelow(int n) => n == 1 ? "↓ 1 línea más abajo (AvPág, Fin)" : $"↓ {n} líneas más abajo (AvPág, Fin)";
    public override string ExitCode(int code) => $"código de salida {code}";
    public override string KilledAfterTimeout(TimeSpan timeout) => $"(detenido al agotarse el tiempo del paso, {Seconds(timeout)})";
    public override string Attempt(int n) => $"intento {n}";
    public override string LiveOutput => "última comprobación";

    public override string HintMore => "F2 otra vez muestra el comando de la solución.";
    public override string Solution => "Solución";
    public override string HintFromFailure => "Según tu salida";
    public override string TableMissing(string? table) => table is null
        ? "La tabla todavía no existe: ¿ejecutaste el paso anterior que la crea?"
        : $"La tabla {table} todavía no existe: ¿ejecutaste el paso anterior que la crea?";
    public override string TransactionAborted => "Una sentencia anterior falló en esta transacción y PostgreSQL ignora el resto: ejecuta ROLLBACK y vuelve a intentarlo.";
    public override string LockBlocked(string? who) => who is null
        ? "Otra sesión tiene un bloqueo que esta sentencia necesita: termina o deshaz la transacción de la otra sesión."
        : $"Otra sesión ({who}) tiene un bloqueo que esta sentencia necesita: termina o deshaz su transacción.";
    public override string SyntaxError => "PostgreSQL no pudo leer el comando: compáralo con las instrucciones, carácter a carácter (F3 restaura el original).";
    public override string NoSuchColumn => "Un nombre de columna está mal o la columna aún no existe: revisa cómo se escribe en las instrucciones.";
    public override string DifferentValue => "El comando se ejecutó pero un valor es distinto: compara tu salida con la esperada (la celda distinta está marcada).";
    public override string AllDone(int done, int total) => $"Los {total} pasos hechos.";
    public override string Completed => "Práctica terminada";
    public override string CheckMyWork => "Comprobar mi trabajo";
    public override string CheckMyWorkButton => "C_omprobar mi trabajo";
    public override string CheckMyWorkExplained => "Comprobar mi trabajo ejecuta las comprobaciones de la práctica en tu base de datos, solo lectura, como lo hará quien corrige.";
    public override string CheckingWork => "comprobando tu trabajo…";
    public override string HintsUsed(int n) => n == 1 ? "1 pista usada." : $"{n} pistas usadas.";
    public override string ChecksPassed(int passed, int total) => $"{passed} de {total} comprobaciones correctas.";
    public override string ChecksFailed(string why) => $"No se pudieron ejecutar las comprobaciones: {why}";

    public override string PickLab => "Elige una práctica (Enter la abre, Ctrl+Q sale)";
    public override string NoLabs => "No se encontraron prácticas.";
    public override string InvalidLab => "(no válida: ejecuta `labrunner validate`)";
}
