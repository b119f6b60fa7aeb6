using System.Globalization;
using LabRunner.Execution;
using LabRunner.Labs;

namespace LabRunner.Text;

/// <summary>
/// Spanish over the English base (the TUI with --lang es): decimal comma ("6,5 s"). Its parts mirror the base's partial
/// files: verdicts here, events and the screen in the other parts.
/// </summary>
internal sealed partial class SpanishCatalogue : Catalogue
{
    private static readonly CultureInfo Numbers = CultureInfo.GetCultureInfo("es-ES");

    public override string Code => "es";
    public override CultureInfo Culture => Numbers;

    public override string Status(Checking.VerdictStatus status) => status switch
    {
        Checking.VerdictStatus.Passed => "correcto",
        Checking.VerdictStatus.Failed => "incorrecto",
        Checking.VerdictStatus.Error => "error",
        Checking.VerdictStatus.Skipped => "omitido",
        Checking.VerdictStatus.NotCompared => "no comparado",
        Checking.VerdictStatus.Manual => "manual",
        Checking.VerdictStatus.Ran => "ejecutado",
        _ => "no ejecutado",
    };

    public override string TimedOut(TimeSpan d) => $"se agotó el tiempo tras {Duration(d)}";
    public override string Cancelled => "cancelado";
    public override string ServerLost => "el servidor cerró la conexión inesperadamente";
    public override string ServerUnreachable(string why) => $"no se puede conectar con el servidor: {why}";
    public override string CouldNotRun(string reason) => $"no se pudo ejecutar el paso: {reason}";
    public override string ServerStepFailed(string problem) => $"el paso falló: {problem}";
    public override string NotAllowed(Consent needed) => needed.HasFlag(Consent.ServerProgram)
        ? "no ejecutado: este SQL hace que el servidor ejecute un programa o escriba en su máquina; usa --allow-shell para permitirlo"
        : "paso de shell no ejecutado: usa --allow-shell para ejecutar los comandos de shell de la práctica";
    public override string NeedsOwnServer =>
        "no disponible en un servidor compartido: este paso necesita una máquina propia de la práctica (una shell, un " +
        "archivo de configuración, un servidor que arrancar o detener); hazlo como indique tu profesor, o usa la práctica " +
        "en tu propio sandbox (sin --connection)";
    public override string UnknownVariables(IReadOnlyList<string> names) =>
        $"no ejecutado: el comando usa {Variables(names)}, que no tiene valor en este servidor " +
        "(data_directory solo se conoce si el rol puede leerlo, p. ej. un superusuario o un miembro de pg_read_all_settings)";
    public override string Unreachable(string why) => $"no se puede conectar con la base de datos: {why}";
    public override string StepFailed(string error) => "el paso falló: " + error;
    public override string RanWithoutError => "se ejecutó sin errores";
    public override string NoExpectation => "se ejecutó sin errores; el paso no tiene una salida esperada con la que comparar";
    public override string OutputMatches => "la salida coincide";
    public override string NotCompared(ProseKind shown) => "no comparado: el resultado esperado es " + shown switch
    {
        ProseKind.Image => "una imagen",
        ProseKind.Table => "una tabla de valores, no una salida de psql",
        ProseKind.Meter => "un indicador de progreso",
        _ => "un texto",
    } + " (se muestra al estudiante)";
    public override string ManualStep => "manual: no hay nada que ejecutar; el estudiante lo hace y lo marca como hecho";
    public override string MarkedDone => "marcado como hecho";
    public override string FileWritten(string path) => $"se escribió {path} en la carpeta de trabajo de la práctica";
    public override string FailedAsExpected(string sqlState) => $"falló con {sqlState}, como se esperaba";

    public override string ExitCodeDiffers(int expected, int got) => $"código de salida: se esperaba {expected}, se obtuvo {got}";
    public override string ShellNoExpectation(int exit) =>
        $"se ejecutó sin errores (código de salida {exit}); el paso no tiene una salida esperada con la que comparar";
    public override string ShellAsExpected(int exit) =>
        exit == 0 ? "código de salida 0, salida como se esperaba" : $"código de salida {exit}, como se esperaba";
    public override string OutputLacks(string needle) => $"la salida no contiene \"{needle}\"";
    public override string OutputDoesNotMatch(string pattern) => $"la salida no coincide con /{pattern}/";

    public override string ExpectedGot(string expected, string got) => $"se esperaba {expected}, se obtuvo {got}";
    public override string ExpectedErrorButNone(string sqlState) => $"se esperaba el error {sqlState}, pero el paso se ejecutó sin errores";
    public override string ExpectedError(string sqlState, string got) => $"se esperaba el error {sqlState}, se obtuvo {got}";
    public override string ExpectedErrorMessage(string message, string got, string gotSqlState) =>
        $"se esperaba el error \"{message}\", se obtuvo {got} " +
        $"(el panel no muestra SQLSTATE; añade `error: \"{gotSqlState}\"` si este es el error esperado, para reconocerlo en cualquier idioma del servidor)";
    public override string ErrorComparedByMessage => "el error esperado no muestra SQLSTATE; se comparó su mensaje (depende de lc_messages)";
    public override string NoticeMissing(string severity, string message, IReadOnlyList<string> got) =>
        $"se esperaba {severity} \"{message}\"" + (got.Count == 0 ? ", no llegó ningún aviso" : $", se obtuvo {string.Join("; ", got.Select(m => $"\"{m}\""))}");
    public override string NoticeDiffers(string severity, string message, string got) => $"se esperaba {severity} \"{message}\", se obtuvo \"{got}\"";
    public override string ResultCount(int expected, int got) => $"se esperaba{(expected == 1 ? "" : "n")} {Results(expected)}, el paso produjo {Results(got)}";
    public override string ComparedLast(int compared, int of) =>
        compared == 1 ? $"se comparó el último resultado de {of}" : $"se compararon los últimos {compared} resultados de {of}";
    public override string Results(int n) => n == 1 ? "1 resultado" : string.Create(Culture, $"{n} resultados");
    public override string ATable => "una tabla";
    public override string AnError => "un error";
    public override string ANotice => "un aviso";
    public override string SomeOutput => "salida";

    public override string Rows(long n) => n == 1 ? "1 fila" : string.Create(Culture, $"{n} filas");
    public override string RowsMatch(long n) => n == 1 ? "1 fila coincide" : string.Create(Culture, $"{n} filas coinciden");
    public override string NoRowsAsExpected => "ninguna fila, como se esperaba";
    public override string ExpectedNoRows(long got) => $"no se esperaban filas, se obtuvo {Rows(got)}";
    public override string RowCountDiffers(long expected, long got) => $"se esperaba{(expected == 1 ? "" : "n")} {Rows(expected)}, se obtuvo {Rows(got)}";
    public override string ColumnsDiffer(string expected, string got) => $"las columnas no coinciden: se esperaba ({expected}), se obtuvo ({got})";
    public override string ColumnMissing(string name, string got) => $"falta la columna {name}: se obtuvo ({got})";
    public override string Row(int row) => $"fila {row}";
    public override string RowClosestTo(int row, int expectedRow) => $"fila {row} (la más parecida a la fila esperada {expectedRow})";
    public override string CellDiffers(string row, string column, string expected, string got) => $"{row}, {column}: se esperaba {expected}, se obtuvo {got}";
    public override string RowMissing(int row, string cells) => $": falta la fila {row} ({cells})";
    public override string RowUnexpected(int row, string cells) => $": sobra la fila {row} ({cells})";
    public override string EmptyCell => "una celda vacía (NULL o '')";
    public override string AnyOrder => "filas comparadas en cualquier orden (la consulta no tiene ORDER BY)";
    public override string VolatileCell(string column, string cell, ValueShape shape) =>
        $"{column}: {cell} vale como cualquier {Shape(shape)} (valor volátil); para compararlo exacto: `match: {{{column}: exact}}`";
    public override string Matcher(Matcher matcher) => matcher switch
    {
        Labs.Matcher.Any => "cualquier valor",
        Labs.Matcher.NotNull => "cualquier valor salvo NULL",
        Labs.Matcher.Null => "NULL",
        Labs.Matcher.Shape s => $"cualquier {Shape(s.Kind)} (valor volátil)",
        Labs.Matcher.Regex r => $"un valor que coincida con /{r.Pattern}/",
        Labs.Matcher.Tolerance { Percent: true } t => $"a menos del {t.Amount.ToString(Numbers)} %",
        Labs.Matcher.Tolerance t => $"a ±{t.Amount.ToString(Numbers)}",
        _ => "exactamente",
    };
    public override string ToleranceOf(string expected) => $" de {expected}";

    public override string MatchedAfter(string message, TimeSpan d) => $"{message} (tras {Duration(d)})";
    public override string MarkerChangedNote(string marker, TimeSpan d) => $"{marker} cambió tras {Duration(d)}";
    public override string MatchedAfterNote(TimeSpan d, int attempt) => $"coincidió tras {Duration(d)}, intento {attempt}";
    public override string StillNotMatching(TimeSpan d, int attempts, string message) =>
        $"sigue sin coincidir tras {Duration(d)} ({attempts} {(attempts == 1 ? "intento" : "intentos")}): {message}";
    public override string NoLongerChanging(string marker, TimeSpan movedAt, TimeSpan stableFor, string message) =>
        $"no va a coincidir: {marker} cambió a los {Duration(movedAt)} (ya ocurrió lo que el paso espera) y el resultado no ha cambiado en {Duration(stableFor)} desde entonces: {message}";

    /// <summary>The shape's noun, after "cualquier": "marca de tiempo", "LSN".</summary>
    private static string Shape(ValueShape shape) => shape switch
    {
        ValueShape.Timestamp => "marca de tiempo",
        ValueShape.Date => "fecha",
        ValueShape.Lsn => "LSN",
        ValueShape.Pid => "pid",
        ValueShape.Uuid => "uuid",
        ValueShape.Interval => "intervalo",
        _ => shape.ToString().ToLowerInvariant(),
    };
}
