using LabRunner.Authoring.Markdown;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// Each course-corpus lab, read from its Markdown, against the truth written for it before any reader ran: title,
/// language, database; every task; every Paso a step (runnable or manual) with its label, line, kind, sessions, server
/// and database; each expected result in the step its truth names (and completions of waiting statements where the lab
/// writes them); and a warning wherever the truth says a faithful reader must warn.
/// </summary>
public class CourseCorpusReadTests
{
    [Fact]
    public void Corpus_has_thirty_eight_labs_or_more_each_with_its_truth()
    {
        var names = CourseCorpus.Names().ToList();
        Assert.True(names.Count >= 38, $"only {names.Count} labs with truth");
        Assert.All(names, n => Assert.True(File.Exists(CourseCorpus.Markdown(n)), $"{n}.truth.yaml has no {n}.md"));
    }

    /// <summary>
    /// Steps (lab, Markdown line) the reader cannot make what the truth says yet, and why. Their differences are left
    /// out, and each is asserted to still differ, so the list cannot go stale.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Lab, int Line), string> ReaderGaps = new Dictionary<(string, int), string>
    {
        [("carga-datos-copy", 37)] = "a command written inline in the paragraph (`SELECT count(*) FROM productos;` Resultado: 4 ...) is not run: only code blocks are commands; and '4 filas en la tabla' is count(*)'s value, which a row count would misread",
        [("acceso-contrasena", 112)] = "`\\password`'s two prompts (Ingrese nueva contraseña ... / Ingrésela nuevamente:) read as its output; the reader does not know psql's interactive prompts",
        [("acceso-contrasena", 123)] = "a `$ psql -h localhost -U ana` transcript whose point is the refused login (28P01): the reader takes psql lines as opening a session, never as a command that fails",
        [("acceso-contrasena", 135)] = "'De vuelta en la sesión de `postgres`' names a session by the role it logged in as; the reader keeps the 'otra terminal' session",
    };

    [Theory]
    [MemberData(nameof(CourseCorpus.Labs), MemberType = typeof(CourseCorpus))]
    public void Reader_makes_of_each_lab_what_its_truth_says(string name)
    {
        var all = Compare(name);
        var gaps = ReaderGaps.Where(g => g.Key.Lab == name).ToList();
        var problems = all.Where(d => !gaps.Any(g => d.Contains($"(line {g.Key.Line})", StringComparison.Ordinal))).ToList();
        foreach (var gap in gaps.Where(g => !all.Any(d => d.Contains($"(line {g.Key.Line})", StringComparison.Ordinal))))
            problems.Add($"line {gap.Key.Line} now reads as its truth says: remove it from ReaderGaps ({gap.Value})");
        Assert.True(problems.Count == 0, $"{name}: {problems.Count} difference(s) from the truth:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>Every difference between what the reader made of the lab and its truth, one line each.</summary>
    public static List<string> Compare(string name)
    {
        var truth = CourseCorpus.TruthOf(name);
        var path = CourseCorpus.Markdown(name);
        var import = MarkdownLabReader.Read(File.ReadAllText(path), path);
        var lab = import.Lab;
        var map = import.Map;
        var p = new List<string>();
        void Same<T>(string what, T expected, T got) { if (!Equals(expected, got)) p.Add($"{what}: expected {expected}, got {got}"); }
        Same("title", truth.Title, lab.Title);
        Same("language", truth.Language, lab.Language);
        Same("database", truth.Database, lab.Server.Database);

        var tasks = map.Where(e => e.Element == MapElement.Task).ToList();
        Same("tasks", truth.Tasks.Count, tasks.Count);
        var sessions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (tt, te) in truth.Tasks.Zip(tasks))
        {
            var at = tt.Title ?? "(no task heading)";
            if (tt.Title is null) Same($"{at} is implicit", "implicit task", te.Kind);
            else
            {
                Same($"{at} title", tt.Title, lab.Tasks.First(t => t.Id == te.Task).Title);
                Same($"{at} line", tt.Line, (int?)te.Line);
            }
            var steps = map.Where(e => e.Element == MapElement.Step && e.Task == te.Task).ToList();
            Same($"{at}: Pasos = steps + manual steps", tt.Steps.Count, steps.Count);
            foreach (var (ts, se) in tt.Steps.Zip(steps))
            {
                var where = $"{at} / {ts.Label} (line {ts.Line})";
                if (!Plain(se.Note).StartsWith(Plain(ts.Label), StringComparison.Ordinal)) p.Add($"{where}: title \"{se.Note}\" does not start with \"{ts.Label}\"");
                Same($"{where} line", ts.Line, se.Line);
                Same($"{where} kind", ts.Kind, se.Kind);
                Same($"{where} server", ts.Server ?? "main", se.Server);
                if (ts.Kind is "sql" or "mixed" && se.Database is not null && !se.Database.Contains(','))
                    Same($"{where} database", ts.Database ?? truth.Database, se.Database);
                if (truth.Sessions.Count > 0 && ts.AllSessions.Count > 0)
                {
                    if (ts.AllSessions.Count != se.Sessions.Count) p.Add($"{where} sessions: expected {string.Join("+", ts.AllSessions)}, got {string.Join("+", se.Sessions)}");
                    else
                        foreach (var (want, got) in ts.AllSessions.Zip(se.Sessions))
                        {
                            if (sessions.TryGetValue(want, out var seen) && seen != got)
                                p.Add($"{where} session: truth's {want} was {seen} before, here {got}");
                            else if (!sessions.ContainsKey(want) && sessions.ContainsValue(got))
                                p.Add($"{where} session: {got} already stands for {sessions.First(kv => kv.Value == got).Key}, truth says {want}");
                            sessions.TryAdd(want, got);
                        }
                }
                var results = map.Where(e => e.Element == MapElement.Expected && e.Kind is not ("section" or "label") && Belongs(e, se)).ToList();
                if (ts.Expected == "none")
                {
                    if (results.Count > 0) p.Add($"{where}: expected no result, got {string.Join(", ", results.Select(r => $"{r.Kind}@{r.Line}"))}");
                }
                else if (!results.Any(r => Covers(r, ts.ExpectedLine) && KindFits(ts.Expected, r.Kind)))
                    p.Add($"{where}: expected {ts.Expected} at line {ts.ExpectedLine}, got {(results.Count == 0 ? "none" : string.Join(", ", results.Select(r => $"{r.Kind}@{r.Line}-{r.EndLine}")))}");
                if (ts.CompletionLine is { } completion && !results.Any(r => r.Kind == "completion" && Covers(r, completion)))
                    p.Add($"{where}: expected the completion at line {completion} to be this step's");
            }
        }
        foreach (var w in truth.ExpectedWarnings)
            if (!import.Warnings.Any(x => x.Line == w.Line && !x.IsInfo))
                p.Add($"no warning at line {w.Line} ({w.About})");
        return p;
    }

    private static bool Belongs(ImportMapEntry e, ImportMapEntry step) =>
        e.Task == step.Task && e.Step is { } s && (s == step.Step || s.StartsWith(step.Step + "-", StringComparison.Ordinal));

    private static bool Covers(ImportMapEntry e, int? line) => line is { } l && e.Line <= l && l <= Math.Max(e.Line, e.EndLine);

    private static bool KindFits(string truth, string kind) => truth switch
    {
        "panel" => kind is "panel" or "output" or "completion",
        "error" => kind is "error" or "completion",
        "prose" => kind is "prose" or "meter",
        _ => kind == truth,
    };

    private static string Plain(string label) => label.Replace("*", "").Trim().TrimEnd('.', ':').Trim();
}
