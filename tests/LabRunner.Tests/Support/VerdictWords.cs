using LabRunner.Checking;
using LabRunner.Text;

namespace LabRunner.Tests.Support;

/// <summary>Verdicts in English words, as the CLI and reports say them (verdicts themselves are data).</summary>
internal static class VerdictWords
{
    public static string Said(this Verdict verdict) => Catalogue.English.Say(verdict);
    public static IReadOnlyList<string> SaidNotes(this Verdict verdict) => Catalogue.English.Notes(verdict);
}
