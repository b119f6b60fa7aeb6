using System.CommandLine;
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
            var sources = LabSources.Open(parse.GetValue(LabOptions.Catalog));
            var targets = parse.GetValue(paths) ?? [];
            var diagnostics = new List<Diagnostic>();
            var checkedLabs = 0;
            if (targets.Length == 0)
            {
                diagnostics.AddRange(await sources.ValidateCatalogAsync(ct));
                checkedLabs = sources.Catalog!.Entries.Count;
            }
            foreach (var target in targets)
            {
                if (IsCatalog(target))
                {
                    var catalog = new LabSources(LabCatalog.Load(target), sources.Readers);
                    diagnostics.AddRange(await catalog.ValidateCatalogAsync(ct));
                    checkedLabs += catalog.Catalog!.Entries.Count;
                }
                else if (Directory.Exists(target) && !File.Exists(Path.Combine(target, "lab.yaml")))
                {
                    // A folder of labs (e.g. Labs/): every lab.yaml below it.
                    foreach (var lab in Directory.EnumerateFiles(target, "lab.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    {
                        diagnostics.AddRange((await sources.ReadAsync(lab, ct)).Diagnostics);
                        checkedLabs++;
                    }
                }
                else
                {
                    diagnostics.AddRange((await sources.ReadAsync(target, ct)).Diagnostics);
                    checkedLabs++;
                }
            }
            var cwd = Directory.GetCurrentDirectory();
            foreach (var d in diagnostics.Distinct()) await output.WriteLineAsync(d.ToString(cwd));
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
