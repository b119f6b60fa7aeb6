using System.CommandLine;

namespace LabRunner.Cli;

/// <summary>Options of commands that find labs by id.</summary>
public static class LabOptions
{
    public static readonly Option<string?> Catalog = new("--catalog")
    {
        Description = "The lab catalog (labs.yaml; default: the nearest one above the current directory, else above the app).",
    };
}
