using System.Text.RegularExpressions;

namespace LabRunner.Execution;

/// <summary>
/// The command tag of a statement whose tag Npgsql does not expose (it parses only SELECT/INSERT/UPDATE/DELETE/MERGE/
/// COPY/MOVE/FETCH/CALL): derived from the statement's leading words the way the server names them (cmdtaglist.h).
/// </summary>
internal static partial class CommandTags
{
    private static readonly HashSet<string> CreateModifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "UNIQUE", "TRUSTED", "PROCEDURAL",
        "RECURSIVE", "CONSTRAINT", "DEFAULT",
    };

    private static readonly HashSet<string> TwoWordObjects = new(StringComparer.OrdinalIgnoreCase)
    {
        "MATERIALIZED", "FOREIGN", "EVENT", "ACCESS", "TEXT", "USER", "OPERATOR",
    };

    public static string Derive(string statement)
    {
        var words = Words(statement);
        if (words.Count == 0) return "";
        string W(int k) => k < words.Count ? words[k] : "";
        switch (W(0))
        {
            case "BEGIN": return "BEGIN";
            case "START": return "START TRANSACTION";
            case "END": return "COMMIT";
            case "ABORT": return "ROLLBACK";
            case "COMMIT": return W(1) == "PREPARED" ? "COMMIT PREPARED" : "COMMIT";
            case "ROLLBACK": return W(1) == "PREPARED" ? "ROLLBACK PREPARED" : "ROLLBACK";
            case "PREPARE": return W(1) == "TRANSACTION" ? "PREPARE TRANSACTION" : "PREPARE";
            case "SAVEPOINT": return "SAVEPOINT";
            case "RELEASE": return "RELEASE";
            case "SET": return W(1) == "CONSTRAINTS" ? "SET CONSTRAINTS" : "SET";
            case "RESET": return "RESET";
            case "ANALYZE" or "ANALYSE": return "ANALYZE";
            case "TRUNCATE": return "TRUNCATE TABLE";
            case "LOCK": return "LOCK TABLE";
            case "DECLARE": return "DECLARE CURSOR";
            case "CLOSE": return W(1) == "ALL" ? "CLOSE CURSOR ALL" : "CLOSE CURSOR";
            case "DEALLOCATE": return W(1) == "ALL" || W(2) == "ALL" ? "DEALLOCATE ALL" : "DEALLOCATE";
            case "DISCARD": return "DISCARD " + W(1);
            case "REFRESH": return "REFRESH MATERIALIZED VIEW";
            case "REASSIGN": return "REASSIGN OWNED";
            case "SECURITY": return "SECURITY LABEL";
            case "IMPORT": return "IMPORT FOREIGN SCHEMA";
            case "GRANT" or "REVOKE": return words.Contains("ON") ? W(0) : W(0) + " ROLE";
            case "CREATE": return CreateTag(words);
            case "DROP" or "ALTER": return ObjectTag(W(0), words, 1);
            case "COMMENT" or "DO" or "VACUUM" or "CHECKPOINT" or "CLUSTER" or "REINDEX" or "LISTEN" or "UNLISTEN"
                or "NOTIFY" or "LOAD":
                return W(0);
            default: return W(0);
        }
    }

    private static string CreateTag(List<string> words)
    {
        var k = 1;
        while (k < words.Count && CreateModifiers.Contains(words[k])) k++;
        return ObjectTag("CREATE", words, k);
    }

    private static string ObjectTag(string verb, List<string> words, int k)
    {
        if (k >= words.Count) return verb;
        var obj = words[k];
        if (obj is "USER" or "GROUP")
        {
            if (k + 1 < words.Count && words[k + 1] == "MAPPING") return $"{verb} USER MAPPING";
            return $"{verb} ROLE";
        }
        if (obj == "OWNED") return "DROP OWNED";
        if (obj == "TEXT" && k + 2 < words.Count) return $"{verb} TEXT SEARCH {words[k + 2]}";
        if (obj == "FOREIGN" && k + 1 < words.Count && words[k + 1] == "DATA") return $"{verb} FOREIGN DATA WRAPPER";
        if (obj == "OPERATOR" && k + 1 < words.Count && words[k + 1] is "CLASS" or "FAMILY") return $"{verb} OPERATOR {words[k + 1]}";
        if (obj == "OPERATOR") return $"{verb} OPERATOR";
        if (TwoWordObjects.Contains(obj) && k + 1 < words.Count) return $"{verb} {obj} {words[k + 1]}";
        return $"{verb} {obj}";
    }

    /// <summary>The first few keywords, upper-cased, comments skipped.</summary>
    private static List<string> Words(string statement)
    {
        var text = Comments().Replace(statement, " ");
        return WordPattern().Matches(text).Take(6).Select(m => m.Value.ToUpperInvariant()).ToList();
    }

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"[A-Za-z_]+")]
    private static partial Regex WordPattern();
}
