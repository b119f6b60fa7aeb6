using System.CommandLine;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Authoring;

namespace LabRunner.Cli;

/// <summary>`labrunner validate [PATH...]`: every problem in lab files (default: the whole catalog), compiler style.</summary>
public static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Lab files, lab ids, folders of labs or catalogs (labs.yaml) to check (default: the catalog and every lab in it).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("validate", "Check lab files and the catalog; print every problem as file:line:column. Exit 1 if any error.");
        command.Arguments.Add(paths);
        command.Options.Add(LabOptions.Catalog);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            var opened = LabSources.Open(parse.GetValue(LabOptions.Catalog));
            var sources = new LabSources(opened.Catalog, opened.Readers) { Lint = true };
            var targets = parse.GetValue(paths) ?? [];
            var diagnostics = new List<Diagnostic>();
            var labs = new List<Lab>();
            var checkedLabs = 0;
            async Task ReadAsync(LabSources from, string lab)
            {
                var read = await from.ReadAsync(lab, ct);
                diagnostics.AddRange(read.Diagnostics);
                if (read.Lab is { } loaded) labs.Add(loaded);
                checkedLabs++;
            }
            async Task ReadCatalogAsync(LabSources catalog)
            {
                diagnostics.AddRange(await catalog.ValidateCatalogAsync(ct));
                foreach (var entry in catalog.Catalog!.Entries)
                {
                    if ((await catalog.ReadAsync(entry.FullPath, ct)).Lab is { } loaded) labs.Add(loaded);
                    checkedLabs++;
                }
            }
            if (targets.Length == 0) await ReadCatalogAsync(sources);
            foreach (var target in targets)
            {
                if (IsCatalog(target))
                {
                    await ReadCatalogAsync(new LabSources(LabCatalog.Load(target), sources.Readers) { Lint = true });
                }
                else if (Directory.Exists(target) && !File.Exists(Path.Combine(target, "lab.yaml")))
                {
                    // A folder of labs (e.g. Labs/): every lab.yaml below it.
                    foreach (var lab in Directory.EnumerateFiles(target, "lab.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                        await ReadAsync(sources, lab);
                }
                else await ReadAsync(sources, target);
            }
            var cwd = Directory.GetCurrentDirectory();
            foreach (var d in diagnostics.Distinct()) await output.WriteLineAsync(d.ToString(cwd));
            // Not problems, but what a user is asked before it runs: programs on the server, shell commands.
            foreach (var lab in labs.DistinctBy(l => l.Id))
                foreach (var need in ConsentRules.Everywhere(lab))
                    await output.WriteLineAsync($"note: {lab.Id}: needs consent (--allow-shell): {need}");
            var errorCount = diagnostics.Distinct().Count(d => d.IsError);
            var warningCount = diagnostics.Distinct().Count(d => !d.IsError);
            await output.WriteLineAsync(
                $"{checkedLabs} lab{(checkedLabs == 1 ? "" : "s")} checked: " +
                (errorCount == 0 && warningCount == 0 ? "no problems" : $"{errorCount} error{(errorCount == 1 ? "" : "s")}, {warningCount} warning{(warningCount == 1 ? "" : "s")}"));
            return errorCount == 0 ? ExitCodes.Ok : ExitCodes.ChecksFailed;
        }));
        return command;
    }

    private static bool IsCatalog(string target) =>
        string.Equals(Path.GetFileName(target), LabCatalog.FileName, StringComparison.Ordinal) ||
        (Directory.Exists(target) && File.Exists(Path.Combine(target, LabCatalog.FileName)) && !File.Exists(Path.Combine(target, "lab.yaml")));
}
