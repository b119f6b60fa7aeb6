using System.Security.Cryptography;
using System.Text;

namespace LabRunner.Grading;

/// <summary>
/// The names `class provision` gives on the server, all under one prefix per lab (lr_LAB_): a login role and a database
/// per student (the same name), the template database, the role that owns the template's objects, and the class's group
/// role (for pg_hba.conf: `host all +lr_LAB_students ... scram-sha-256`). Lowercase letters, digits and '_' only, so
/// they need no quoting anywhere and fit PostgreSQL's 63 bytes.
/// </summary>
public sealed class ClassNames(string labId)
{
    private const int MaxIdentifier = 63;

    public string Prefix { get; } = "lr_" + Slug(labId, 24) + "_";
    public string Template => Prefix + "template";
    public string Owner => Prefix + "owner";
    public string Students => Prefix + "students";
    /// <summary>The COMMENT every object made carries: `class drop` removes only objects that carry it.</summary>
    public string Marker { get; } = $"labrunner class {labId}";

    /// <summary>
    /// The student's role and database ("s_" keeps a student called "template" apart from the template). A name that had
    /// to change (capitals, symbols, length) keeps a short hash of the original, so that two students never meet.
    /// </summary>
    public string Student(string id)
    {
        var slug = Slug(id, int.MaxValue);
        var name = Prefix + "s_" + slug;
        if (name.Length <= MaxIdentifier && slug == id) return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..6];
        var room = MaxIdentifier - Prefix.Length - 2 - hash.Length - 1;
        return Prefix + "s_" + (slug.Length > room ? slug[..room] : slug) + "_" + hash;
    }

    private static string Slug(string text, int max)
    {
        var sb = new StringBuilder();
        foreach (var c in text.ToLowerInvariant()) sb.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_');
        var slug = sb.ToString();
        return slug.Length > max ? slug[..max] : slug;
    }
}
