namespace LabRunner.Bench;

/// <summary>
/// Two things measured side by side in one run: A, B, A, B, … (after one warm-up of each), so that a machine whose load
/// changes during the run slows both alike. The ratio printed is the median of the per-pair ratios.
/// </summary>
public sealed record PairResult(IReadOnlyList<double> A, IReadOnlyList<double> B)
{
    public double MedianA => Median(A);
    public double MedianB => Median(B);
    public double MedianRatio => Median(A.Zip(B, (a, b) => a / b).ToList());

    public static double Median(IReadOnlyList<double> xs)
    {
        var sorted = xs.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Prints both medians and the median ratio against its goal (null: reported only).</summary>
    public void Print(string a, string b, string unit, double? goal, string? note = null)
    {
        Console.WriteLine($"{a,-58} median {MedianA,8:F0} {unit}");
        Console.WriteLine($"{b,-58} median {MedianB,8:F0} {unit}");
        var verdict = goal is { } g ? $" (goal <= {g:F2}) {(MedianRatio <= g ? "OK" : "MISSED")}" : " (reported)";
        Console.WriteLine($"ratio, median of {A.Count} interleaved pairs: {MedianRatio:F2}{verdict}{(note is null ? "" : "  " + note)}");
    }
}

public static class Pairs
{
    public static async Task<PairResult> MeasureAsync(int pairs, Func<Task<double>> a, Func<Task<double>> b, bool warmUp = true)
    {
        if (warmUp) { await a(); await b(); }
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < pairs; i++)
        {
            xs.Add(await a());
            ys.Add(await b());
        }
        return new PairResult(xs, ys);
    }
}
