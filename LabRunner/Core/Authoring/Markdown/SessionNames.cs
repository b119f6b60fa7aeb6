using System.Text.RegularExpressions;
using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// Sessions named in prose: "sesión A", "session 2", "Terminal 1", "la segunda terminal", "sesiones A y B", and the pairs
/// that say two names are the same terminal ("`Sesión A` (Terminal 1)", "Terminal 3 (sesión C)", "en la terminal 1 abre
/// la sesión A"). A letter or number session is named by it ("A", "2"); a terminal without one is "terminal-N". Vague
/// words ("otra terminal", "another terminal") name a session of their own that the reader warns about.
/// </summary>
internal sealed partial class SessionNames
{
    private readonly Dictionary<string, string> _terminalAlias = new(StringComparer.Ordinal);
    private readonly List<string> _declared = [];

    public sealed record Mention(string Session, int Index, bool Vague);

    /// <summary>Sessions in the order the lab first names them; the first is where SQL runs before any is named.</summary>
    public IReadOnlyList<string> Declared => _declared;
    /// <summary>
    /// Where SQL runs before the lab names a session: the first session it names, unless that one is a later one
    /// ("Open a second terminal" with no first named): the first terminal is then LabRunner's own, so the second is
    /// another session.
    /// </summary>
    public string Default
    {
        get
        {
            if (_declared.Count == 0) return SqlAction.MainSession;
            if (_declared.FirstOrDefault(n => Rank(n) == 1) is { } first) return first;
            return Rank(_declared[0]) is > 1 ? SqlAction.MainSession : _declared[0];
        }
    }

    /// <summary>A session's place by its name (A, 1, terminal-1 → 1; B, 2, terminal-2 → 2), or null for a name like alice.</summary>
    private static int? Rank(string session)
    {
        var n = session.StartsWith("terminal-", StringComparison.Ordinal) ? session["terminal-".Length..] : session;
        if (int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)) return number;
        return n.Length == 1 && n[0] is >= 'A' and <= 'Z' ? n[0] - 'A' + 1 : null;
    }

    /// <summary>Reads the whole lab's prose once, in order, to learn names and which terminal is which session.</summary>
    public void Learn(string prose)
    {
        _panes = Panes(prose);
        var raw = RawMentions(prose);
        // Pair a terminal with the session named right next to it (either order), when they are not both of one kind.
        for (var i = 0; i + 1 < raw.Count; i++)
        {
            var (a, b) = (raw[i], raw[i + 1]);
            if (a.Terminal == b.Terminal || b.Index - (a.Index + a.Length) > 24) continue;
            var terminal = a.Terminal ? a : b;
            var session = a.Terminal ? b : a;
            _terminalAlias.TryAdd(terminal.Name, session.Name);
            i++;
        }
        foreach (var m in raw)
        {
            if (m.Vague) continue;
            var name = Resolve(m);
            if (!_declared.Contains(name)) _declared.Add(name);
        }
    }

    /// <summary>
    /// The sessions a piece of prose names, in order (each once). With <paramref name="current"/> one of exactly two
    /// sessions the lab named, "la otra ventana" / "the other terminal" is the other one, not a new session.
    /// </summary>
    public List<Mention> In(string prose, string? current = null)
    {
        var result = new List<Mention>();
        var other = current is not null && _declared.Count == 2 && _declared.Contains(current) ? _declared.First(d => d != current) : null;
        foreach (var m in RawMentions(prose))
        {
            var vague = m.Vague && other is null;
            var name = !m.Vague ? Resolve(m) : other ?? LabIds.Slug(m.Name, "other");
            if (result.All(r => r.Session != name)) result.Add(new(name, m.Index, vague));
        }
        return result;
    }

    /// <summary>The first session a piece of prose names, or null.</summary>
    public string? First(string prose) => In(prose) is { Count: > 0 } found ? found[0].Session : null;

    /// <summary>The prose asks for the same block in every session it names ("en cada una", "in session 1 and then in session 2", "both").</summary>
    public static bool InEach(string prose) => Each().IsMatch(Headings.Plain(prose));

    private string Resolve(RawMention m) =>
        m.Terminal ? _terminalAlias.GetValueOrDefault(m.Name) ?? $"terminal-{m.Name}" : m.Name;

    private sealed record RawMention(string Name, int Index, int Length, bool Terminal, bool Vague);

    /// <summary>Whether the lab names its terminals as panes of one screen (set by <see cref="Learn"/>).</summary>
    private bool _panes;

    /// <summary>
    /// "left pane", "right pane", "bottom pane" (tmux, a split terminal): sessions when the lab names two or more. One
    /// pane alone is a window's part ("in the left pane of pgAdmin"), not a session.
    /// </summary>
    private static bool Panes(string prose) =>
        PaneWord().Matches(prose.Replace("*", " ")).Select(m => m.Groups["n"].Value.ToLowerInvariant()).Distinct().Count() >= 2;

    private List<RawMention> RawMentions(string prose)
    {
        var text = prose.Replace("`", " ").Replace("*", " ");
        var found = new List<RawMention>();
        if (_panes)
            foreach (Match m in PaneWord().Matches(text))
                found.Add(new($"{m.Groups["n"].Value.ToLowerInvariant()}-pane", m.Index, m.Length, false, false));
        foreach (Match m in SessionWord().Matches(text))
        {
            found.Add(new(m.Groups["n"].Value, m.Index, m.Length, false, false));
            if (m.Groups["m"].Success) found.Add(new(m.Groups["m"].Value, m.Groups["m"].Index, m.Groups["m"].Length, false, false));
        }
        foreach (Match m in TerminalWord().Matches(text))
        {
            found.Add(new(m.Groups["n"].Value, m.Index, m.Length, true, false));
            if (m.Groups["m"].Success) found.Add(new(m.Groups["m"].Value, m.Groups["m"].Index, m.Groups["m"].Length, true, false));
        }
        foreach (Match m in OrdinalTerminal().Matches(text))
            found.Add(new(Ordinal(m.Groups["o"].Value).ToString(System.Globalization.CultureInfo.InvariantCulture), m.Index, m.Length, true, false));
        foreach (Match m in VagueTerminal().Matches(text))
            found.Add(new(m.Value.Trim(), m.Index, m.Length, false, true));
        return found.OrderBy(f => f.Index).ToList();
    }

    private static int Ordinal(string word) => Headings.Plain(word) switch
    {
        "primera" or "primer" or "first" => 1,
        "segunda" or "segundo" or "second" => 2,
        "tercera" or "tercer" or "third" => 3,
        _ => 4,
    };

    // "sesión A", "Sesion B", "session 2", "sesiones A y B", "sessions 1 and 2" (a capital letter or a number).
    [GeneratedRegex(@"\b(?i:sesi[oó]n(?:es)?|sessions?)\s+(?<n>[A-Z]|\d{1,2})\b(?:\s*(?i:y|and|e|,)\s*(?<m>[A-Z]|\d{1,2})\b)?")]
    private static partial Regex SessionWord();

    [GeneratedRegex(@"\b(?i:(?<n>left|right|top|bottom|upper|lower|middle)\s+pane)\b")]
    private static partial Regex PaneWord();

    // "Terminal 1", "terminales 1 y 2", and the windows some courses call them: "Ventana 2" (not "window 10": Windows 10).
    [GeneratedRegex(@"\b(?i:terminal(?:es)?|ventanas?)\s+(?<n>\d{1,2})\b(?:\s*(?i:y|and|,)\s*(?<m>\d{1,2})\b)?")]
    private static partial Regex TerminalWord();

    [GeneratedRegex(@"\b(?i:(?<o>primera|primer|segunda|segundo|tercera|tercer|first|second|third)\s+(?:terminal|sesi[oó]n|session|ventana|window))\b")]
    private static partial Regex OrdinalTerminal();

    [GeneratedRegex(@"\b(?i:otra\s+terminal|otra\s+sesi[oó]n|otra\s+ventana|another\s+terminal|another\s+session|another\s+window|other\s+terminal|other\s+window)\b")]
    private static partial Regex VagueTerminal();

    [GeneratedRegex(@"\b(?:en cada una|en cada sesion|en ambas|en las dos|y luego en|y despues en|in each|in both|both sessions|and then in|each session|las dos sesiones)\b")]
    private static partial Regex Each();
}
