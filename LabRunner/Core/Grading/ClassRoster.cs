using CsvHelper;

namespace LabRunner.Grading;

/// <summary>The class list: a CSV with a `student` column (an id: login, email, number); other columns are ignored.</summary>
public static class ClassRoster
{
    public static IReadOnlyList<string> Load(string path)
    {
        if (!File.Exists(path)) throw new UserErrorException($"--roster {path}: no such file");
        using var csv = CsvReader.FromText(File.ReadAllText(path), CsvReaderOptions.Default);
        var students = new List<string>();
        while (csv.Read())
        {
            if (!csv.TryGetFieldIndex("student", out var column))
                throw new UserErrorException($"{path}: expected a header line with a \"student\" column");
            var id = csv.GetString(column).Trim();
            if (id.Length == 0) throw new UserErrorException($"{path}: row {csv.RowNumber}: no student");
            if (students.Contains(id, StringComparer.Ordinal)) throw new UserErrorException($"{path}: student \"{id}\" is listed twice");
            students.Add(id);
        }
        if (students.Count == 0) throw new UserErrorException($"{path}: no students");
        return students;
    }
}
