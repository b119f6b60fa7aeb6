namespace LabRunner.Bench;

/// <summary>`labrunner validate` of the bundled lab vs `psql --version`, the floor of starting a process here.</summary>
public static class ValidateBench
{
    public static async Task RunAsync()
    {
        var result = await Pairs.MeasureAsync(9, () => Run.TimedAsync(Run.App, ["validate"]), () => Run.TimedAsync("psql", ["--version"]));
        result.Print("labrunner validate (the bundled lab)", "psql --version", "ms", goal: null,
            note: $"(absolute: {result.MedianA:F0} ms vs {result.MedianB:F0} ms)");
    }
}
