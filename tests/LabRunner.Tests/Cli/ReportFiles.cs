using System.Xml.Linq;
using System.Xml.Schema;
using LabRunner.Reports;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Cli;

/// <summary>Reads reports back the way CI servers and scripts would.</summary>
internal static class ReportFiles
{
    /// <summary>Parses a JUnit file and validates it against junit.xsd (Jenkins' schema, required parts); throws on any violation.</summary>
    public static XDocument ValidJUnit(string path)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Cli", "junit.xsd"));
        var doc = XDocument.Load(path);
        doc.Validate(schemas, (_, e) => throw new XmlSchemaValidationException($"{path}: {e.Message}"));
        return doc;
    }

    public static JsonReport.Document Json(string path) =>
        JsonReport.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty JSON");
}
