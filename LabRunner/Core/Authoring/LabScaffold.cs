using LabRunner.Labs.Yaml;
using LabRunner.Labs;

namespace LabRunner.Authoring;

/// <summary>`labrunner new ID`: writes Labs/ID/lab.yaml, a small lab that validates, and lists it in labs.yaml.</summary>
public static class LabScaffold
{
    /// <summary>Creates the lab next to the catalog and adds it; returns the new file's full path. Throws UserErrorException for a bad or taken id.</summary>
    public static async Task<string> CreateAsync(LabCatalog catalog, string id, string? title = null, string language = "en", CancellationToken ct = default)
    {
        if (!LabIds.IsValid(id))
            throw new UserErrorException($"bad lab id \"{id}\": {LabIds.Rule}, e.g. \"{LabIds.Slug(id)}\"");
        if (catalog.Find(id) is not null)
            throw new UserErrorException($"a lab \"{id}\" is already listed in {catalog.FilePath}");
        var relative = $"Labs/{id}/lab.yaml";
        var path = Path.Combine(catalog.Directory, "Labs", id, "lab.yaml");
        if (Directory.Exists(Path.GetDirectoryName(path)))
            throw new UserErrorException($"{Path.GetDirectoryName(path)} already exists: choose another id or remove it");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, Template(id, title ?? DefaultTitle(id), language), ct);
        var catalogText = await File.ReadAllTextAsync(catalog.FilePath, ct);
        await File.WriteAllTextAsync(catalog.FilePath, WithEntry(catalogText, catalog.FilePath, id, relative), ct);
        return path;
    }

    private static string DefaultTitle(string id) => char.ToUpperInvariant(id[0]) + id[1..].Replace('-', ' ');

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    internal static string Template(string id, string title, string language) => $$"""
        # yaml-language-server: $schema=../lab.schema.json
        # Made by `labrunner new`. The format is explained in Labs/AUTHORING.md; check your changes with
        #   labrunner validate Labs/{{id}}/lab.yaml
        id: {{id}}
        title: {{Quote(title)}}
        language: {{language}}
        duration: 20 minutes
        objectives:
          - Say what the student will be able to do after this lab.
        introduction: |
          What this lab is about, in Markdown.
        server:
          versions: ">=14"
          database: lab
        tasks:
          - id: first-task
            title: Task 1. A first look at the server
            steps:
              - id: server-version
                title: Step 1.
                text: |
                  Ask the server whether it is PostgreSQL 14 or later:
                sql: SELECT current_setting('server_version_num')::int >= 140000 AS supported;
                expect:
                  columns: [supported]
                  rows:
                    - [t]

        """;

    /// <summary>Adds "- id / path" to the catalog's labs list as text, so the author's comments and layout survive.</summary>
    internal static string WithEntry(string text, string catalogPath, string id, string relativePath)
    {
        var source = new SourceText(catalogPath, text);
        var d = new DiagnosticBag();
        var tree = YamlTreeReader.Read(source, d);
        if (d.HasErrors || tree is not (null or YMapping))
            throw new UserErrorException($"{catalogPath} has errors: fix them first (labrunner validate)");
        var root = tree as YMapping ?? new YMapping { Location = SourceLocation.None };
        var index = root.Entries.FindIndex(e => e.Key.Value == "labs");
        if (index < 0)
        {
            var sep = text.Length == 0 || text.EndsWith('\n') ? "" : "\n";
            return text + sep + $"labs:\n  - id: {id}\n    path: {relativePath}\n";
        }
        var labs = root.Entries[index].Value;
        if (labs is YSequence { Items.Count: > 0 } block && text[block.StartIndex] == '-')
        {
            var indent = new string(' ', block.Location.Column - 1);
            var entry = $"{indent}- id: {id}\n{indent}  path: {relativePath}\n";
            // Insert before the next top-level key (or at the end): that is where the list ends.
            var at = index + 1 < root.Entries.Count ? LineStart(text, root.Entries[index + 1].Key.StartIndex) : text.Length;
            var before = text[..at];
            var prefix = before.Length == 0 || before.EndsWith('\n') ? "" : "\n";
            return before + prefix + entry + text[at..];
        }
        // Empty (labs: [] or labs:) or a flow list: write the whole list in block style.
        var items = labs is YSequence flow
            ? flow.Items.Select(i => i is YMapping m ? m : null).Where(m => m is not null).Select(m => Flat(text, m!)).ToList()
            : [];
        items.Add($"id: {id}\n    path: {relativePath}");
        var list = "\n" + string.Join("\n", items.Select(i => "  - " + i));
        var keyEnd = root.Entries[index].Key.EndIndex;
        var colon = text.IndexOf(':', keyEnd);
        var valueEnd = labs is YScalar { IsNull: true } ? colon + 1 : labs.EndIndex + 1;
        return text[..(colon + 1)] + list + text[valueEnd..];
    }

    private static string Flat(string text, YMapping m) =>
        string.Join("\n    ", m.Entries.Select(e => $"{e.Key.Value}: {(e.Value as YScalar)?.Value}"));

    private static int LineStart(string text, int index) => index <= 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
}
