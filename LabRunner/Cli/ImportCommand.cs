using System.CommandLine;
using LabRunner.Authoring.Markdown;

namespace LabRunner.Cli;

/// <summary>
/// `labrunner import lab.md… [-o Labs/ID/lab.yaml] [--add-to-catalog] [--force]`: course Markdown labs → lab YAML. A
/// course comes as a folder of labs: several files (or a folder) are imported one by one, a failure stops only its own.
/// </summary>
public static class ImportCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var markdown = new Argument<string[]>("LAB.md")
        {
            Description = "The Markdown labs to import (the course's format: Tarea N. / Paso N. / Resultado esperado), or a folder of them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var outputPath = new Option<string?>("--output", "-o") { Description = "The lab file to write (default: Labs/ID/lab.yaml; one lab only)." };
        var addToCatalog = new Option<bool>("--add-to-catalog") { Description = "Also list the lab in labs.yaml." };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file if it exists." };
        var explain = new Option<bool>("--explain") { Description = "Print what each task, step, code block and expected result of the Markdown became (line by line), and write nothing." };
        var command = new Command("import", "Turn Markdown labs into lab YAML that validates, keeping the author's text, and list what could not be mapped.");
        command.Arguments.Add(markdown);
        command.Options.Add(outputPath);
        command.Options.Add(addToCatalog);
        command.Options.Add(force);
        command.Options.Add(explain);
        command.Options.Add(LabOptions.Catalog);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            var files = MarkdownFiles(parse.GetValue(markdown)!);
            if (files.Count > 1 && parse.GetValue(outputPath) is not null)
                throw new UserErrorException($"--output names one lab file, and {files.Count} labs were given: import them without it (each goes to Labs/ID/lab.yaml)");
            if (files.Count == 1) return await ImportOneAsync(files[0]);
            var failed = new List<string>();
            foreach (var file in files)
            {
                if (parse.GetValue(explain)) await output.WriteLineAsync($"== {file}");
                // One lab's mistake is said and the others go on: a course folder is imported in one go.
                if (await CliApp.Guard(errors, () => ImportOneAsync(file)) != ExitCodes.Ok) failed.Add(file);
                if (parse.GetValue(explain)) await output.WriteLineAsync();
            }
            var done = files.Count - failed.Count;
            var verb = parse.GetValue(explain) ? "Read" : "Imported";
            await output.WriteLineAsync($"{verb} {done} of {files.Count} labs" + (failed.Count == 0 ? "." : $"; not: {string.Join(", ", failed)} (see above)."));
            return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.UsageOrEnvironment;

            async Task<int> ImportOneAsync(string given)
            {
                if (parse.GetValue(explain))
                {
                    if (!File.Exists(given)) throw new UserErrorException($"{given}: no such file");
                    var import = await MarkdownLabReader.ReadFileAsync(given, ct);
                    await output.WriteAsync(ImportMapText.Render(import, Path.GetFileName(given)));
                    foreach (var warning in import.Warnings) await errors.WriteLineAsync(warning.Format(given));
                    return ExitCodes.Ok;
                }
                var result = await MarkdownImporter.ImportAsync(new ImportRequest(given)
                {
                    OutputPath = parse.GetValue(outputPath),
                    Force = parse.GetValue(force),
                    AddToCatalog = parse.GetValue(addToCatalog),
                    CatalogPath = parse.GetValue(LabOptions.Catalog),
                }, ct);
                foreach (var warning in result.Warnings) await errors.WriteLineAsync(warning.Format(given));
                var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), result.OutputPath);
                var steps = result.Lab.Tasks.Sum(t => t.Steps.Count);
                var warnings = result.Warnings.Count(w => !w.IsInfo);
                await output.WriteLineAsync($"Wrote {shown}: {result.Lab.Tasks.Count} tasks, {steps} steps, {warnings} warning{(warnings == 1 ? "" : "s")}.");
                foreach (var image in result.CopiedImages) await output.WriteLineAsync($"Copied {image} beside it.");
                if (result.CatalogPath is { } catalog)
                    await output.WriteLineAsync($"Listed \"{result.Lab.Id}\" in {Path.GetRelativePath(Directory.GetCurrentDirectory(), catalog)}.");
                await output.WriteLineAsync($"Next: review it, then `labrunner check {shown}`.");
                return ExitCodes.Ok;
            }
        }));
        return command;
    }

    /// <summary>The files named, a folder standing for its Markdown files (its README aside), in name order.</summary>
    private static List<string> MarkdownFiles(IEnumerable<string> given)
    {
        var files = new List<string>();
        foreach (var path in given)
        {
            if (Directory.Exists(path))
            {
                var inside = Directory.GetFiles(path, "*.md").Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal).ToList();
                if (inside.Count == 0) throw new UserErrorException($"{path}: a folder with no Markdown labs (*.md) in it");
                files.AddRange(inside);
                continue;
            }
            if (!path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase))
                throw new UserErrorException($"{path}: not a Markdown file (expected .md)");
            files.Add(path);
        }
        return files;
    }
}
