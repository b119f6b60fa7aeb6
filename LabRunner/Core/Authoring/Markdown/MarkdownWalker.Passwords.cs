using System.Text.RegularExpressions;
using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

internal sealed partial class MarkdownWalker
{
    /// <summary>
    /// A client tool in a shell step that logs in over TCP as a role the lab gave a password (pg_basebackup -h localhost
    /// -U replicador, after CREATE ROLE replicador ... PASSWORD 'replica123') asks for it at its prompt: the student types
    /// it. The step gets that password as its typed input, said where; a prompt nobody answers would wait forever.
    /// </summary>
    private void Passwords(List<PartDraft> parts)
    {
        var passwords = new Dictionary<string, (string Password, int Line)>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (part.Action is SqlAction sql)
                foreach (Match m in RolePassword().Matches(sql.Sql))
                    passwords[m.Groups["role"].Value.Trim('"').ToLowerInvariant()] = (m.Groups["password"].Value.Replace("''", "'", StringComparison.Ordinal), part.Line);
            if (part.Action is SqlAction { Login: { Password: null } login } loginSql
                && passwords.TryGetValue(login.User.ToLowerInvariant(), out var typed))
            {
                part.Action = loginSql with { Login = login with { Password = typed.Password } };
                continue;
            }
            if (part.Action is not ShellAction { Input: null } shell) continue;
            foreach (Match m in TcpLogin().Matches(shell.Script))
            {
                if (!passwords.TryGetValue(m.Groups["role"].Value.ToLowerInvariant(), out var known)) continue;
                part.Action = shell with { Input = known.Password };
                _warnings.Add(new(part.Line, $"{m.Groups["tool"].Value} asks for {m.Groups["role"].Value}'s password: LabRunner types the one the lab set on line {known.Line}", IsInfo: true));
                break;
            }
        }
    }

    [GeneratedRegex(@"\b(?:CREATE|ALTER)\s+(?:ROLE|USER)\s+(?<role>""[^""]+""|\w+)\b[^;]*?\bPASSWORD\s+'(?<password>(?:[^']|'')*)'", RegexOptions.IgnoreCase)]
    private static partial Regex RolePassword();

    /// <summary>psql, pg_basebackup, pg_dump... with a TCP host (-h NAME, not a socket directory) and -U ROLE, not -w.</summary>
    [GeneratedRegex(@"(?<tool>\b(?:psql|pg_basebackup|pg_dump|pg_dumpall|pg_restore|pg_receivewal|pg_recvlogical|createdb|vacuumdb)\b)(?=[^\n|;&]*\s(?:-h\s*|--host=)(?!/)\S)(?![^\n|;&]*\s-w\b)[^\n|;&]*\s(?:-U\s*|--username=)(?<role>\w+)")]
    private static partial Regex TcpLogin();
}
