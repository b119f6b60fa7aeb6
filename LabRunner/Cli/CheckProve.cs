using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Running;
using LabRunner.Text;

namespace LabRunner.Cli;

/// <summary>
/// `labrunner check LAB --prove`: every task's checks must fail before the task's steps and pass after them; steps whose
/// expected panel an empty result satisfies are named. Exit 0 when every check is proven and no panel is that weak, else 1.
/// </summary>
internal static class CheckProve
{
    private static readonly Catalogue Words = Catalogue.English;

    public static async Task<int> RunAsync(Lab lab, TargetOptions target, LabRunOptions options, LabRunFilter? filter, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        var findings = await LabProof.RunAsync(lab, target with { KeepSandbox = false }, options, new RunProgress(errors).Observe, filter, ct);
        foreach (var f in findings)
        {
            var name = $"{f.Task.Id}/{f.Step.Id}";
            await output.WriteLineAsync(f.Kind switch
            {
                ProofKind.Proven => $"proven: {name} fails before the task's steps and passes after them",
                ProofKind.CannotFail => $"cannot fail: {name} passes before the task's steps: it checks nothing the student does",
                ProofKind.DoesNotPass => $"does not pass: {name} after the task's steps: {Words.Say(f.Result!.Verdict)}",
                _ => $"empty result passes: {name}: its expected result is met by a query that finds no row",
            });
        }
        int Count(ProofKind k) => findings.Count(f => f.Kind == k);
        await output.WriteLineAsync($"{Count(ProofKind.Proven)} checks proven, {Count(ProofKind.CannotFail)} cannot fail, " +
            $"{Count(ProofKind.DoesNotPass)} do not pass, {Count(ProofKind.EmptyResultPasses)} met by an empty result");
        return findings.All(f => f.Kind == ProofKind.Proven) ? ExitCodes.Ok : ExitCodes.ChecksFailed;
    }
}
