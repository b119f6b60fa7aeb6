using LabRunner.Bench;

var which = args.Length > 0 ? args[0] : "";
var benches = new Dictionary<string, Func<Task>>
{
    ["check"] = CheckBench.RunAsync,
    ["tui"] = TuiBench.RunAsync,
    ["validate"] = ValidateBench.RunAsync,
    ["memory"] = MemoryBench.RunAsync,
    ["exec-time"] = ExecBench.TimeAsync,
    ["sandbox"] = SandboxBench.RunAsync,
    ["servers"] = ServersBench.RunAsync,
    ["flood-memory"] = ExecBench.FloodAsync,
    ["class"] = ClassBench.RunAsync,
};
if (!benches.TryGetValue(which, out var bench))
{
    Console.Error.WriteLine($"usage: LabRunner.Bench {string.Join('|', benches.Keys)}  (bench/run runs them all)");
    return 2;
}
await bench();
return 0;
