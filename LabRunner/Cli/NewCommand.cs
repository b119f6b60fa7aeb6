using System.CommandLine;
using LabRunner.Labs;
using LabRunner.Authoring;

namespace LabRunner.Cli;

/// <summary>`labrunner new ID`: scaffold Labs/ID/lab.yaml (a lab that validates) and list it in labs.yaml.</summary>
public static class NewCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var id = new Argument<string>("ID") { Description = "The new lab's id: lowercase letters, digits and \"-\" (e.g. indices-btree)." };
        var title = new Option<string?>("--title") { Description = "The lab's title (default: made from the id)." };
        var language = new Option<string>("--language") { Description = "Language of the lab's text.", DefaultValueFactory = _ => "en" };
        var command = new Command("new", "Create Labs/ID/lab.yaml from a template that validates, and add it to labs.yaml.");
        command.Arguments.Add(id);
        command.Options.Add(title);
        command.Options.Add(language);
        command.Options.Add(LabOptions.Catalog);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            var sources = LabSources.Open(parse.GetValue(LabOptions.Catalog));
            var catalog = sources.Catalog ?? throw new UserErrorException($"no {LabCatalog.FileName} found (use --catalog, or run from the repository)");
            var path = await LabScaffold.CreateAsync(catalog, parse.GetValue(id)!, parse.GetValue(title), parse.GetValue(language)!, ct);
            var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
            await output.WriteLineAsync($"Created {shown} and added it to {Path.GetRelativePath(Directory.GetCurrentDirectory(), catalog.FilePath)}.");
            await output.WriteLineAsync($"Next: edit it (Labs/AUTHORING.md explains the format), then run `labrunner validate {shown}`.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
