using System.Diagnostics;

namespace LabRunner;

/// <summary>
/// LABRUNNER_TRACE_START=1: milliseconds since the process started at each step of the TUI's start (bench/run tui's
/// goal), written to stderr when the process ends, so the marks neither slow the start nor scribble over the screen.
/// With each mark, what the JIT has compiled so far (ReadyToRun code needs none; generic code over other assemblies' value types does). Off by default: one bool read per mark.
/// </summary>
internal static class StartTrace
{
    public static bool On { get; } = Environment.GetEnvironmentVariable("LABRUNNER_TRACE_START") == "1";
    private static readonly System.Collections.Concurrent.ConcurrentQueue<(long At, string What, int Thread, long Jitted, TimeSpan Jitting)> Marks = new();

    public static void Mark(string what)
    {
        if (On) Marks.Enqueue((Stopwatch.GetTimestamp(), what, Environment.CurrentManagedThreadId, System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime()));
    }

    /// <summary>Writes the marks (once Terminal.Gui has given the terminal back).</summary>
    public static void Write()
    {
        if (!On || Marks.IsEmpty) return;
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var offset = (DateTime.UtcNow - started).TotalMilliseconds - Stopwatch.GetElapsedTime(0).TotalMilliseconds;
        foreach (var (at, what, thread, jitted, jitting) in Marks)
            Console.Error.WriteLine($"start-trace {Stopwatch.GetElapsedTime(0, at).TotalMilliseconds + offset,7:F0} ms  [{thread,2}] {what,-32} (JIT so far: {jitted} methods, {jitting.TotalMilliseconds:F0} ms)");
    }
}
