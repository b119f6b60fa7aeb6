using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// What a code block is by its content, before anything is run from it: an ASCII diagram, pseudo-code, a command's
/// syntax, lines for a configuration file, an editor opened on a file. General shapes, never one lab's words.
/// </summary>
internal static partial class BlockShapes
{
    /// <summary>Box-drawing characters and arrows: a diagram to look at.</summary>
    public static bool IsDiagram(IReadOnlyList<string> lines) =>
        lines.Any(l => l.Any(c => c is >= '\u2500' and <= '\u257F' or >= '\u2190' and <= '\u21FF' or '►' or '◄' or '▲' or '▼' or '▶' or '◀'))
        && !lines.Any(l => l.TrimEnd().EndsWith(';'));

    /// <summary>Pseudo-code marked as such on its first line ("-- pseudológica", "# pseudocode").</summary>
    public static bool IsPseudoCode(IReadOnlyList<string> lines) =>
        lines.FirstOrDefault(l => l.Trim().Length > 0) is { } first && PseudoMarker().IsMatch(Headings.Plain(first));

    /// <summary>A command's synopsis ("Sintaxis: psql -U usuario -d basededatos", "psql [opciones] [basededatos [usuario]]").</summary>
    public static bool IsSyntax(IReadOnlyList<string> lines)
    {
        var body = lines.Where(l => l.Trim().Length > 0).ToList();
        if (body.Count == 0 || body.Any(l => l.TrimEnd().EndsWith(';'))) return false;
        if (body.Any(l => SyntaxLabel().IsMatch(l.Trim()))) return true;
        return body.All(l => Placeholder().IsMatch(l) || SyntaxLabel().IsMatch(l.Trim()));
    }

    /// <summary>Lines for postgresql.conf (name = value) or pg_hba.conf (host db user address method), comments allowed.</summary>
    public static bool IsConfigLines(IReadOnlyList<string> lines)
    {
        var body = lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        return body.Count > 0 && body.All(l => Setting().IsMatch(l) || HbaRecord().IsMatch(l));
    }

    /// <summary>The file an editor command opens (`sudo vi /etc/postgresql/15/main/postgresql.conf`), or null.</summary>
    public static string? EditorFile(string line)
    {
        var m = Editor().Match(Psql.Unwrapped(line));
        return m.Success ? m.Groups["file"].Value : null;
    }

    /// <summary>
    /// "Guarda este archivo como transfiere.sql" / "Save this file as grades.sql" / "Cree el archivo inventario.sql con el
    /// siguiente contenido" / "Create the file cities.csv with this content": the file name, or null. A file named
    /// right after "create the file" counts only when the sentence goes on to its content: "Cree el archivo backup.sql
    /// con pg_dump" is a command that writes it, not a block to save.
    /// </summary>
    public static string? FileToSave(string prose)
    {
        var m = SaveAs().Match(prose);
        if (!m.Success) m = CreateWithContent().Match(prose);
        return m.Success ? m.Groups["file"].Value : null;
    }

    /// <summary>A placeholder the student replaces ([ip_servidor], &lt;TIME_FROM_TASK_3&gt;), or null.</summary>
    public static IEnumerable<(string Placeholder, int Index)> Placeholders(string text) =>
        PlaceholderToken().Matches(text).Select(m => (m.Value, m.Index));

    [GeneratedRegex(@"^(?:--|#|//)?\s*pseudo[\s-]?(?:codigo|code|logica|logic|algoritmo)")]
    private static partial Regex PseudoMarker();

    [GeneratedRegex(@"^(?:sintaxis|syntax|usage|uso|synopsis|sinopsis)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex SyntaxLabel();

    // [opciones], [OPTION]..., [basededatos [usuario]]: words in brackets that are not quoted values or array subscripts.
    [GeneratedRegex(@"\[(?:-{0,2}[A-Za-zÁÉÍÓÚáéíóúñÑ_][\wÁÉÍÓÚáéíóúñÑ ]*)(?:\s*\[[^\]]*\])?\]")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[a-z_][a-z0-9_.]*\s*=\s*\S.*$")]
    private static partial Regex Setting();

    [GeneratedRegex(@"^(?:local|host|hostssl|hostnossl|hostgssenc|hostnogssenc)\s+\S+\s+\S+(?:\s+\S+){1,4}$")]
    private static partial Regex HbaRecord();

    [GeneratedRegex(@"^(?:vi|vim|nvim|nano|emacs|sudoedit|gedit|pico|joe|mcedit)\s+(?:-\S+\s+)*(?<file>[^\s|;&<>]+)\s*$")]
    private static partial Regex Editor();

    [GeneratedRegex(@"\b(?:guarda|guardar|guarde|salva|salvar|graba|grabar|crea|crear|cree|save|store|write|create)\b[^.:\n]{0,40}?\b(?:archivo|fichero|file|script)\b[^.:\n]{0,30}?\b(?:como|con el nombre|llamado|as|named|called|to|en|in)\s+[`""']?(?<file>[\w./{}~-]+\.[A-Za-z0-9]{1,6})[`""']?", RegexOptions.IgnoreCase)]
    private static partial Regex SaveAs();

    [GeneratedRegex(@"\b(?:crea|crear|cree|creen|create|escribe|escriba|escribir|write|genera|genere|prepara|prepare)\b\s+(?:(?:el|un|nuevo|the|a|new)\s+)*(?:archivo|fichero|file|script)\s+[`""']?(?<file>[\w./{}~-]+\.[A-Za-z0-9]{1,6})[`""']?[^.:\n]{0,60}?\b(?:contenido|contenga|content|contents|containing|l[ií]neas|lines)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CreateWithContent();

    [GeneratedRegex(@"(?<![\w\]])\[[a-z][a-z0-9_]{3,}\]|<[A-Z][A-Z0-9_]{2,}>|<[a-z][a-z0-9_]*_[a-z0-9_]+>")]
    private static partial Regex PlaceholderToken();
}
