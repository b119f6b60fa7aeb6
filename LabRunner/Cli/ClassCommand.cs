using System.CommandLine;
using LabRunner.Authoring;
using LabRunner.Grading;

namespace LabRunner.Cli;

/// <summary>
/// `labrunner class provision LAB --server URI --roster roster.csv` and `labrunner class drop LAB --server URI`: a class on
/// a shared PostgreSQL server. Passwords go only to the 0600 connections file, never to the console.
/// </summary>
public static class ClassCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var command = new Command("class", "A class on a shared PostgreSQL server: a role and a database per student.");
        command.Subcommands.Add(Provision(output, errors));
        command.Subcommands.Add(Drop(output, errors));
        return command;
    }

    private static readonly Option<string> Server = new("--server")
    {
        Description = "The shared server, as its instructor (a superuser, or a role with CREATEDB CREATEROLE): a postgresql:// URI or key=value string.",
        Required = true,
    };

    private static Option<string?> Out() => new("--out") { Description = "The class's folder: connections.csv (0600), targets.csv, manifest.json (default: class-LAB)." };

    private static Command Provision(TextWriter output, TextWriter errors)
    {
        var lab = new Argument<string>("LAB") { Description = "A catalog id, a lab YAML file or a Markdown lab file." };
        var roster = new Option<string>("--roster") { Description = "CSV with a student column (one student a row).", Required = true };
        var folder = Out();
        var command = new Command("provision", "Make a login role and a database (the lab's starting state) per student; write their connection strings and a targets file for grade.");
        command.Arguments.Add(lab);
        command.Options.Add(LabOptions.Catalog);
        command.Options.Add(Server);
        command.Options.Add(roster);
        command.Options.Add(folder);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            var loaded = await LabSources.Open(parse.GetValue(LabOptions.Catalog)).LoadAsync(parse.GetValue(lab)!, ct);
            var students = ClassRoster.Load(parse.GetValue(roster)!);
            var dir = parse.GetValue(folder) ?? "class-" + loaded.Id;
            var done = 0;
            var result = await ClassProvisioner.ProvisionAsync(loaded, parse.GetValue(Server)!, students, dir, _ =>
            {
                lock (errors) { errors.Write($"\rprovisioned {++done}/{students.Count}"); errors.Flush(); }
            }, ct);
            if (done > 0) await errors.WriteLineAsync();
            foreach (var note in result.Notes) await errors.WriteLineAsync(Say(note));
            await output.WriteLineAsync($"{result.Students.Count} of {students.Count} students on {result.Server} ({result.Created} databases made now)");
            await output.WriteLineAsync($"connection strings (with passwords, mode 0600): {result.ConnectionsFile}");
            await output.WriteLineAsync($"grade with: labrunner grade {loaded.Id} --targets {result.TargetsFile}");
            return result.Notes.Any(n => n is StudentNotProvisioned) ? ExitCodes.ChecksFailed : ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Drop(TextWriter output, TextWriter errors)
    {
        var lab = new Argument<string>("LAB") { Description = "The lab id the class was provisioned for." };
        var folder = Out();
        var command = new Command("drop", "Remove the roles and databases class provision made (its manifest says which), and nothing else.");
        command.Arguments.Add(lab);
        command.Options.Add(Server);
        command.Options.Add(folder);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            var id = parse.GetValue(lab)!;
            var result = await ClassDropper.DropAsync(id, parse.GetValue(Server)!, parse.GetValue(folder) ?? "class-" + id, ct);
            foreach (var note in result.Notes) await errors.WriteLineAsync(Say(note));
            await output.WriteLineAsync($"dropped {result.Databases} databases and {result.Roles} roles");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Say(ClassNote note) => note switch
    {
        WithoutSuperuser n => $"note: \"{n.User}\" is not a superuser: it made each student's role and database with CREATEROLE and CREATEDB " +
            "and became a member of each role (PostgreSQL requires that to give a database to a role); settings only a superuser may set were left out",
        SettingNotApplied n => $"could not: the lab's setting {n.Name} = {n.Value} cannot be set per database (context: {n.Context}); " +
            "set it in the server's postgresql.conf if the lab needs it",
        LocalStepsUnavailable n => $"note: {n.Count} steps of the lab need a local cluster (shell, edit or server steps): on a shared server " +
            "students see them as not available",
        StudentNotProvisioned n => $"could not provision {n.Student}: {n.Why}",
        KeptNotOurs n => $"kept {n.Kind} {n.Name}: it no longer carries LabRunner's marker",
        _ => note.ToString(),
    };
}
