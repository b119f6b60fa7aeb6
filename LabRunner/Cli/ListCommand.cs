using System.Globalization;
using System.CommandLine;
using LabRunner.Labs;
using LabRunner.Authoring;

namespace LabRunner.Cli;

/// <summary>`labrunner list`: the catalog as a table.</summary>
public static class ListCommand
{
    private static readonly string[] Header = ["ID", "TITLE", "LANGUAGE", "TASKS", "DURATION"];

    public static Command Create(TextWriter output, TextWriter errors)
    {
        var command = new Command("list", "List the labs in the catalog (labs.yaml): id, title, language, tasks, duration.");
        command.Options.Add(LabOptions.Catalog);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            var sources = LabSources.Open(parse.GetValue(LabOptions.Catalog));
            var catalog = sources.Catalog ?? throw new UserErrorException($"no {LabCatalog.FileName} found (use --catalog, or run from the repository)");
            var rows = new List<string[]> { Header };
            foreach (var entry in catalog.Entries)
            {
                var lab = File.Exists(entry.FullPath) ? (await sources.ReadAsync(entry.FullPath, ct)).Lab : null;
                rows.Add(lab is null
                    ? [entry.Id, "(invalid: run labrunner validate)", "", "", ""]
                    : [entry.Id, lab.Title, lab.Language, lab.Tasks.Count.ToString(CultureInfo.InvariantCulture), lab.Duration ?? ""]);
            }
            foreach (var line in Table(rows)) await output.WriteLineAsync(line);
            if (catalog.Entries.Count == 0) await output.WriteLineAsync("(no labs yet: `labrunner new ID` makes one)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static IEnumerable<string> Table(IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        return rows.Select(r => string.Join("  ", r.Select((cell, c) => c == 3 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
    }
}
