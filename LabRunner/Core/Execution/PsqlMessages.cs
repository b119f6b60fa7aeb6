using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// psql's own words in the language the lab's author ran psql in (a Spanish psql prints "Listado de relaciones",
/// "Nombre", "tabla"): the titles, column names, footers and words of meta-command listings, taken from psql's message
/// catalogue on this machine (/usr/share/locale/LANG/LC_MESSAGES/psql-VERSION.mo), as psql itself translates them.
/// Without that catalogue (or for English), psql's English words.
/// </summary>
internal sealed partial class PsqlMessages
{
    private static readonly ConcurrentDictionary<(string Language, int Major), PsqlMessages> Loaded = new();
    public static readonly PsqlMessages English = new([]);

    /// <summary>Titles psql builds from a format (\d NAME, \dRp+): matched in English, rebuilt in the catalogue's words.</summary>
    private static readonly string[] TitleFormats =
    [
        "Table \"%s.%s\"", "Unlogged table \"%s.%s\"", "Partitioned table \"%s.%s\"", "View \"%s.%s\"", "Materialized view \"%s.%s\"",
        "Sequence \"%s.%s\"", "Index \"%s.%s\"", "Partitioned index \"%s.%s\"", "Foreign table \"%s.%s\"", "Publication %s",
    ];

    private readonly Dictionary<string, string> _messages;

    private PsqlMessages(Dictionary<string, string> messages) => _messages = messages;

    public bool IsEnglish => _messages.Count == 0;

    public static PsqlMessages For(string? language, int major)
    {
        if (language is null || language.StartsWith("en", StringComparison.Ordinal)) return English;
        return Loaded.GetOrAdd((language, major), k => Load(k.Language, k.Major));
    }

    private static PsqlMessages Load(string language, int major)
    {
        var folder = Path.Combine("/usr/share/locale", language, "LC_MESSAGES");
        var file = Path.Combine(folder, $"psql-{major}.mo");
        if (!File.Exists(file))
            file = Directory.Exists(folder) ? Directory.GetFiles(folder, "psql-*.mo").OrderDescending(StringComparer.Ordinal).FirstOrDefault() : null;
        if (file is null) return English;
        try { return new PsqlMessages(MoCatalogue.Read(file)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException) { return English; }
    }

    /// <summary>One message in the catalogue's language (psql's English when it has none).</summary>
    public string this[string msgid] => _messages.TryGetValue(msgid, out var s) && s.Length > 0 ? s : msgid;

    /// <summary>
    /// A listing as that psql prints it: title, column names and footers translated; the cells of <paramref name="wordColumns"/>
    /// (psql's own words, such as \dt's "table" or \du's attributes) translated piece by piece.
    /// </summary>
    public ResultSet Localise(ResultSet rs, params string[] wordColumns)
    {
        if (IsEnglish) return rs;
        var words = rs.Columns.Select(c => wordColumns.Contains(c.Name)).ToList();
        var rows = rs.Rows.Select(r => (IReadOnlyList<string?>)r.Select((v, i) => v is not null && i < words.Count && words[i] ? Words(v) : v).ToList()).ToList();
        return rs with
        {
            Columns = rs.Columns.Select(c => c with { Name = this[c.Name] }).ToList(),
            Rows = rows,
            RowsHash = rs.Truncated ? rs.RowsHash : RowHash.Of(rows),
            Title = rs.Title is { } t ? Title(t) : null,
            Footers = rs.Footers?.Select(f => f.StartsWith(' ') ? f : this[f]).ToList(),
        };
    }

    private string Title(string title)
    {
        if (_messages.ContainsKey(title)) return this[title];
        foreach (var format in TitleFormats)
        {
            var m = Regex.Match(title, "^" + Regex.Escape(format).Replace("%s", "(.*)", StringComparison.Ordinal) + "$");
            if (!m.Success) continue;
            var i = 0;
            return FormatArgument().Replace(this[format], _ => ++i < m.Groups.Count ? m.Groups[i].Value : "");
        }
        return title;
    }

    /// <summary>"Superuser, Create role\nNo connections": each word psql put together, translated.</summary>
    private string Words(string cell)
    {
        var sb = new StringBuilder();
        foreach (var line in cell.Split('\n'))
        {
            if (sb.Length > 0) sb.Append('\n');
            sb.AppendJoin(", ", line.Split(", ").Select(w => this[w]));
        }
        return sb.ToString();
    }

    [GeneratedRegex("%s")]
    private static partial Regex FormatArgument();
}
