using LabRunner.Bench;

var which = args.Length > 0 ? args[0] : "all";
var benches = new Dictionary<string, Func<Task>>
{
    ["sandbox"] = SandboxBench.RunAsync,
    ["exec-time"] = ExecBench.TimeAsync,
    ["exec-memory"] = ExecBench.MemoryAsync,
};
foreach (var (name, run) in benches)
{
    if (which == "all" || which == name) await run();
}
