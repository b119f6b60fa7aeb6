using System.CommandLine;
using LabRunner.Setup;
using LabRunner.Text;
using LabRunner.Tui;

namespace LabRunner.Cli;

/// <summary>The root command's own action: `labrunner` opens the lab picker, `labrunner LAB` opens a lab in the TUI.</summary>
public static class TuiCommand
{
    public static readonly Argument<string?> Lab = new("LAB")
    {
        Description = "The lab to open: an id from labs.yaml or a lab file (default: choose from a list).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static readonly Option<string?> Lang = new("--lang")
    {
        Description = "Interface language: en or es (default: from LC_ALL / LC_MESSAGES / LANG when they name one, else the lab's language). The lab's own text keeps its language.",
    };

    public static readonly Option<bool> AllowSetup = new("--allow-shell")
    {
        Description = "Let the lab's server settings and setup SQL run programs on the sandbox's server (each step still asks).",
    };

    public static void AddTo(RootCommand root, TextWriter output, TextWriter errors, HostSystem host)
    {
        root.Arguments.Add(Lab);
        CommonOptions.AddServerOptions(root);
        root.Options.Add(LabOptions.Catalog);
        root.Options.Add(Lang);
        root.Options.Add(CommonOptions.UnconfinedShell);
        root.Options.Add(AllowSetup);
        root.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            StartTrace.Mark("command line parsed");
            var lang = parse.GetValue(Lang);
            if (lang is not null && !Catalogue.IsKnown(lang)) throw new UserErrorException($"--lang {lang}: use en or es");
            return await TuiApp.RunAsync(new TuiOptions
            {
                Lab = parse.GetValue(Lab),
                CatalogPath = parse.GetValue(LabOptions.Catalog),
                Lang = lang,
                Target = CommonOptions.Target(parse),
                Host = host,
                InstallMissing = parse.GetValue(CommonOptions.InstallMissing),
                UnconfinedShell = parse.GetValue(CommonOptions.UnconfinedShell),
                AllowSetupPrograms = parse.GetValue(AllowSetup),
            }, output, ct);
        }));
    }
}
