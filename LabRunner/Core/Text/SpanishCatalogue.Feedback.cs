namespace LabRunner.Text;

/// <summary>The grading feedback in Spanish.</summary>
internal sealed partial class SpanishCatalogue
{
    public override string HiddenCell(string row, string column, string got) => $"{row}, {column}: {got} no es el valor esperado";
    public override string HiddenRowCount(long got) => $"{Rows(got)} no es el número de filas esperado";
    public override string HiddenColumns(string got) => $"las columnas ({got}) no son las esperadas";
    public override string HiddenResult(string got) => $"{got} no es el resultado esperado";
    public override string HiddenNoError => "la sentencia se ejecutó sin el error que debía dar";
    public override string HiddenNotice => "los avisos no son los esperados";
    public override string HiddenOutput => "la salida no es la esperada";
    public override string HiddenResults(int got) => $"{Results(got)} no es el número de resultados esperado";

    public override string FeedbackTitle(string lab) => $"Retroalimentación: {lab}";
    public override string FeedbackStudent => "Estudiante";
    public override string FeedbackScore => "Puntuación";
    public override string FeedbackCheck => "Comprobación";
    public override string FeedbackResult => "Resultado";
    public override string FeedbackPoints => "Puntos";
    public override string FeedbackWhy => "Qué difiere";
    public override string FeedbackExpected => "Esperado";
    public override string FeedbackYours => "Tu resultado";
    public override string FeedbackNotGraded(string why) => $"No se pudo calificar tu base de datos: {why}";
    public override string FeedbackAllPassed => "Todas las comprobaciones son correctas.";
}
