using System.Globalization;
using LabRunner.Postgres;

namespace LabRunner.Bench;

/// <summary>
/// A class at scale: 200 student databases provisioned on one sandbox server (`labrunner class provision`), then
/// `labrunner grade` of all 200 (4 at a time) against the ideal, one database's grading time × 200 / 4. One database's
/// time is `grade` of 8 databases one at a time, divided by 8 (so the process start counts an eighth). Interleaved
/// pairs; the ratio is the median of the pairs' ratios. The peak memory is the whole process grading 200 (VmHWM).
/// </summary>
public static class ClassBench
{
    private const int Students = 200;
    private const int Parallel = 4;
    private const int Sample = 8;

    public static async Task RunAsync()
    {
        await using var sandbox = await Sandbox.StartAsync(new SandboxOptions
        {
            RootDirectory = Path.Combine(Path.GetTempPath(), "labrunner-bench"),
        }, CancellationToken.None);
        var server = $"host={sandbox.SocketDirectory} port={sandbox.Port} user=postgres dbname=postgres";
        var dir = Directory.CreateTempSubdirectory("labrunner-class-bench-").FullName;
        try
        {
            var lab = Run.Lab("class.yaml");
            var roster = Path.Combine(dir, "roster.csv");
            await File.WriteAllTextAsync(roster, "student\n" + string.Join("\n", Enumerable.Range(1, Students).Select(i => $"s{i:000}")) + "\n");
            var folder = Path.Combine(dir, "class");
            var provision = await Run.TimedAsync(Run.App, ["class", "provision", lab, "--server", server, "--roster", roster, "--out", folder]);
            Console.WriteLine($"provisioned {Students} students in {provision / 1000:F1} s");
            var targets = Path.Combine(folder, "targets.csv");
            var sample = Path.Combine(dir, "sample.csv");
            await File.WriteAllLinesAsync(sample, File.ReadAllLines(targets).Take(Sample + 1));

            var peaks = new List<double>();
            var result = await Pairs.MeasureAsync(3,
                async () =>
                {
                    var (ms, mb) = await TimedWithPeakAsync(Run.App, ["grade", lab, "--targets", targets, "--parallel", $"{Parallel}"]);
                    peaks.Add(mb);
                    return ms;
                },
                async () => await Run.TimedAsync(Run.App, ["grade", lab, "--targets", sample, "--parallel", "1"], okExitCodes: [0, 1]) / Sample * Students / Parallel,
                warmUp: false);
            result.Print($"labrunner grade: {Students} databases, --parallel {Parallel}", $"one database's time × {Students} / {Parallel}", "ms", 1.5);
            var peak = PairResult.Median(peaks);
            Console.WriteLine($"peak memory grading {Students} databases (VmHWM), median of {peaks.Count}: {peak:F0} MB (goal < 200 MB) {(peak < 200 ? "OK" : "MISSED")}");
            await Run.TimedAsync(Run.App, ["class", "drop", "banco", "--server", server, "--out", folder]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Wall milliseconds and peak MB of one run under GNU time; grade exits 1 when some student lost points.</summary>
    private static async Task<(double Ms, double Mb)> TimedWithPeakAsync(string file, string[] args)
    {
        var report = Path.GetTempFileName();
        try
        {
            var ms = await Run.TimedAsync("/usr/bin/time", ["-f", "%M", "-o", report, file, .. args], okExitCodes: [0, 1]);
            return (ms, double.Parse(File.ReadAllLines(report).Last(l => l.Trim().Length > 0 && char.IsDigit(l.Trim()[0])), CultureInfo.InvariantCulture) / 1024.0);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
