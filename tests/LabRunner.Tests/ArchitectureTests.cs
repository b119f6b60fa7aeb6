using System.Reflection;
using Mono.Cecil;

namespace LabRunner.Tests;

/// <summary>
/// The floors of the house and which may use which. Read from the compiled code (every type a type's signatures and
/// method bodies name), so an arrow cannot hide in a method body. A new arrow pointing up fails here with the types
/// that make it.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Core = typeof(LabRunner.Postgres.Sandbox).Assembly;
    private static readonly Assembly App = typeof(LabRunner.Cli.CliApp).Assembly;

    /// <summary>Each floor and the floors it may use. The root namespace (LabRunner: errors, exit codes, atomic files) is open to all.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Psql"] = [],
        ["Labs"] = [],
        ["Postgres"] = [],
        ["Authoring"] = ["Labs", "Psql"],
        ["Execution"] = ["Labs", "Postgres", "Psql"],
        ["Checking"] = ["Labs", "Psql", "Execution"],
        ["Running"] = ["Labs", "Postgres", "Psql", "Execution", "Checking"],
        ["Grading"] = ["Labs", "Postgres", "Psql", "Execution", "Checking", "Running"],
        // The one localisation catalogue: words verdicts, events, grades and the screen in the interface's language.
        ["Text"] = ["Labs", "Psql", "Execution", "Checking", "Running", "Grading", "Setup"],
        ["Reports"] = ["Labs", "Psql", "Execution", "Checking", "Running", "Grading", "Text"],
        ["Progress"] = ["Labs", "Checking", "Running"],
        // What the machine lacks (PostgreSQL's binaries, a lab's tools) and installing it: it finds server binaries.
        ["Setup"] = ["Postgres"],
        // The two faces: the TUI never calls the CLI; the CLI starts the TUI.
        // Grading: the student's "Check my work" runs the lab's checks through the grader itself (read-only, as `grade` does).
        ["Tui"] = ["Labs", "Authoring", "Postgres", "Psql", "Execution", "Checking", "Running", "Grading", "Progress", "Reports", "Setup", "Text"],
        ["Cli"] = ["Labs", "Authoring", "Postgres", "Psql", "Execution", "Checking", "Running", "Grading", "Reports", "Progress", "Tui", "Setup", "Text"],
    };

    [Fact]
    public void The_READMEs_architecture_section_names_every_floor()
    {
        var readme = File.ReadAllText(Path.Combine(LabRunner.Tests.Support.TestPaths.RepoRoot, "README.md"));
        var section = readme[readme.IndexOf("## Architecture", StringComparison.Ordinal)..];
        var missing = Allowed.Keys.Where(floor => !section.Contains($"  {floor}/ ", StringComparison.Ordinal) && !section.Contains($" {floor}/ (", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "README.md's architecture does not show: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_core_assembly_does_not_reference_Terminal_Gui()
    {
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => a.Name!.StartsWith("Terminal.Gui", StringComparison.Ordinal));
        Assert.Contains(Core.GetReferencedAssemblies(), a => a.Name == "Npgsql"); // the check sees package references at all
    }

    [Fact]
    public void Every_floor_uses_only_the_floors_it_may()
    {
        var arrows = Arrows(Core.Location).Concat(Arrows(App.Location)).ToList();
        Assert.Contains(arrows, a => a.From == "Running" && a.To == "Checking"); // the reader sees real arrows at all

        var wrong = arrows
            .Where(a => a.From != a.To && a.To != "" && !(Allowed.TryGetValue(a.From, out var may) && may.Contains(a.To)))
            .GroupBy(a => (a.From, a.To))
            .Select(g => $"{g.Key.From} → {g.Key.To}: {string.Join(", ", g.Select(a => $"{a.FromType} uses {a.ToType}").Distinct().Take(3))}")
            .ToList();
        Assert.True(wrong.Count == 0, "arrows the architecture does not allow:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Every_namespace_is_a_known_floor()
    {
        var floors = Types(Core.Location).Concat(Types(App.Location)).Select(t => Floor(t.Namespace)).Where(f => f is not null).Distinct();
        Assert.All(floors, f => Assert.True(f == "" || Allowed.ContainsKey(f!), $"namespace LabRunner.{f} is not a floor of ArchitectureTests.Allowed"));
    }

    [Fact]
    public void Core_floors_live_only_in_the_core_assembly_and_faces_only_in_the_app()
    {
        Assert.All(Types(App.Location), t => Assert.Contains(Floor(t.Namespace), new[] { null, "", "Cli", "Tui" }));
        Assert.All(Types(Core.Location), t => Assert.DoesNotContain(Floor(t.Namespace), new[] { "Cli", "Tui" }));
    }

    [Fact]
    public void Only_the_CLI_entry_point_may_end_the_process()
    {
        // The TUI and the engine unwind (dispose servers, save progress); ending the process is the entry point's last resort.
        var callers = Calls(Core.Location, "System.Environment", "Exit").Concat(Calls(App.Location, "System.Environment", "Exit"))
            .Where(t => !t.StartsWith("LabRunner.Cli.CliApp", StringComparison.Ordinal)).ToList();
        Assert.True(callers.Count == 0, "Environment.Exit called from: " + string.Join(", ", callers));
        Assert.NotEmpty(Calls(App.Location, "System.Environment", "Exit")); // the reader sees calls at all
    }

    private static List<string> Calls(string assembly, string type, string method)
    {
        using var module = ModuleDefinition.ReadModule(assembly);
        return module.Types.SelectMany(WithNested)
            .Where(t => t.Methods.Any(m => m.HasBody && m.Body.Instructions.Any(i =>
                i.Operand is MethodReference r && r.DeclaringType.FullName == type && r.Name == method)))
            .Select(t => t.FullName).Distinct().ToList();
    }

    [Fact]
    public void The_allowed_arrows_have_no_circle()
    {
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();
        void Visit(string floor, string path)
        {
            Assert.False(visiting.Contains(floor), "circle: " + path);
            if (!done.Add(floor)) return;
            visiting.Add(floor);
            foreach (var next in Allowed[floor]) Visit(next, path + " → " + next);
            visiting.Remove(floor);
        }
        foreach (var floor in Allowed.Keys) Visit(floor, floor);
    }

    private sealed record Arrow(string From, string To, string FromType, string ToType);

    /// <summary>"Running" for LabRunner.Running.X, "" for the root namespace, null outside LabRunner (System, Npgsql, generated code).</summary>
    private static string? Floor(string? ns)
    {
        if (ns is null) return null;
        if (ns == "LabRunner") return "";
        if (!ns.StartsWith("LabRunner.", StringComparison.Ordinal)) return null;
        return ns["LabRunner.".Length..].Split('.')[0];
    }

    private static IEnumerable<TypeDefinition> Types(string assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly);
        return module.Types.Where(t => t.Name != "<Module>").ToList();
    }

    private static IEnumerable<Arrow> Arrows(string assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly);
        var arrows = new List<Arrow>();
        foreach (var top in module.Types)
        {
            var from = Floor(top.Namespace);
            if (from is null or "") continue;
            foreach (var type in WithNested(top))
                foreach (var used in Uses(type))
                {
                    var to = Floor(TopOf(used).Namespace);
                    if (to is not null) arrows.Add(new Arrow(from, to, top.FullName, TopOf(used).FullName));
                }
        }
        return arrows;
    }

    private static IEnumerable<TypeDefinition> WithNested(TypeDefinition type) =>
        new[] { type }.Concat(type.NestedTypes.SelectMany(WithNested));

    private static TypeReference TopOf(TypeReference t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    private static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        var refs = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null: return;
                case GenericInstanceType g: Add(g.ElementType); foreach (var a in g.GenericArguments) Add(a); return;
                case TypeSpecification s: Add(s.ElementType); return;
                case GenericParameter: return;
                default: refs.Add(t); return;
            }
        }
        Add(type.BaseType);
        foreach (var i in type.Interfaces) Add(i.InterfaceType);
        foreach (var f in type.Fields) Add(f.FieldType);
        foreach (var p in type.Properties) Add(p.PropertyType);
        foreach (var e in type.Events) Add(e.EventType);
        foreach (var m in type.Methods)
        {
            Add(m.ReturnType);
            foreach (var p in m.Parameters) Add(p.ParameterType);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Add(v.VariableType);
            foreach (var ins in m.Body.Instructions)
            {
                switch (ins.Operand)
                {
                    case TypeReference t: Add(t); break;
                    case MethodReference mr:
                        Add(mr.DeclaringType); Add(mr.ReturnType);
                        foreach (var p in mr.Parameters) Add(p.ParameterType);
                        if (mr is GenericInstanceMethod gm) foreach (var a in gm.GenericArguments) Add(a);
                        break;
                    case FieldReference fr: Add(fr.DeclaringType); Add(fr.FieldType); break;
                }
            }
        }
        return refs;
    }
}
