using System.CommandLine;
using LabRunner.Authoring.Markdown;

namespace LabRunner.Cli;

/// <summary>`labrunner import lab.md [-o Labs/ID/lab.yaml] [--add-to-catalog] [--force]`: a course Markdown lab → lab YAML.</summary>
public static class ImportCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var markdown = new Argument<string>("LAB.md") { Description = "The Markdown lab to import (the course's format: Tarea N. / Paso N. / Resultado esperado)." };
        var outputPath = new Option<string?>("--output", "-o") { Description = "The lab file to write (default: Labs/ID/lab.yaml)." };
        var addToCatalog = new Option<bool>("--add-to-catalog") { Description = "Also list the lab in labs.yaml." };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file if it exists." };
        var explain = new Option<bool>("--explain") { Description = "Print what each task, step, code block and expected result of the Markdown became (line by line), and write nothing." };
        var command = new Command("import", "Turn a Markdown lab into lab YAML that validates, keeping the author's text, and list what could not be mapped.");
        command.Arguments.Add(markdown);
        command.Options.Add(outputPath);
        command.Options.Add(addToCatalog);
        command.Options.Add(force);
        command.Options.Add(explain);
        command.Options.Add(LabOptions.Catalog);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            var given = parse.GetValue(markdown)!;
            if (!given.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !given.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase))
                throw new UserErrorException($"{given}: not a Markdown file (expected .md)");
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
        }));
        return command;
    }
}
