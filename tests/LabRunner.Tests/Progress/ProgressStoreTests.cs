using LabRunner.Checking;
using LabRunner.Labs;
using LabRunner.Text;
using LabRunner.Progress;

namespace LabRunner.Tests.Progress;

public sealed class ProgressStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "labrunner-store-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static LabProgress Sample(string lab = "respaldo-autovacuum") => new()
    {
        LabId = lab,
        CurrentStep = "t2/p3",
        Steps = new Dictionary<string, StepRecord>
        {
            ["t2/p1"] = new() { Status = VerdictStatus.Passed, Reason = new OutputMatches(), Notes = [new VolatileCell("ts", "2024-01-01 10:00:00.5", ValueShape.Timestamp)] },
            ["t2/p2"] = new()
            {
                Status = VerdictStatus.Failed,
                Reason = new StillNotMatching(new CellDiffers(1, null, "n", new Matcher.Tolerance(0.5, true), "0", true, "7") { Counts = new RowCounts(1, 2) },
                    TimeSpan.FromSeconds(6.5), 3),
                EditedCommand = "SELECT 7 AS n;",
                HintUsed = true,
            },
        },
    };

    [Fact]
    public void Saved_progress_is_loaded_back_unchanged()
    {
        var store = new ProgressStore(_dir);
        store.Save(Sample());
        var loaded = store.Load("respaldo-autovacuum")!;
        Assert.Equal("t2/p3", loaded.CurrentStep);
        Assert.Equal(VerdictStatus.Passed, loaded.Steps["t2/p1"].Status);
        Assert.Equal("SELECT 7 AS n;", loaded.Steps["t2/p2"].EditedCommand);
        Assert.True(loaded.Steps["t2/p2"].HintUsed);
        Assert.Equal(Sample().Steps["t2/p2"].Reason, loaded.Steps["t2/p2"].Reason);
        Assert.Null(loaded.Steps["t2/p2"].Message);
    }

    [Fact]
    public void A_saved_verdict_is_data_and_reads_in_the_language_of_the_session_that_loads_it()
    {
        var store = new ProgressStore(_dir);
        store.Save(Sample());
        var json = File.ReadAllText(store.PathFor("respaldo-autovacuum"));
        Assert.DoesNotContain("got 7", json); // no sentence in the file: its parts
        Assert.Contains("\"reason\": \"stillNotMatching\"", json);

        var loaded = store.Load("respaldo-autovacuum")!.Steps["t2/p2"];

        Assert.Equal("sigue sin coincidir tras 6,5 s (3 intentos): se esperaba 1 fila, se obtuvo 2 filas; fila 1, n: se esperaba a menos del 0,5 % de 0, se obtuvo 7",
            Catalogue.Spanish.Say(loaded.Reason!));
        Assert.Equal("still not matching after 6.5 s (3 attempts): expected 1 row, got 2 rows; row 1, n: expected within 0.5% of 0, got 7",
            Catalogue.English.Say(loaded.Reason!));
        Assert.Equal("ts: 2024-01-01 10:00:00.5 vale como cualquier marca de tiempo (valor volátil); para compararlo exacto: `match: {ts: exact}`",
            Catalogue.Spanish.Say(Assert.Single(store.Load("respaldo-autovacuum")!.Steps["t2/p1"].Notes)));
    }

    [Fact]
    public void A_file_of_the_first_format_still_loads_with_its_sentence()
    {
        var store = new ProgressStore(_dir);
        Directory.CreateDirectory(_dir);
        File.WriteAllText(store.PathFor("old"), """
            { "format": 1, "labId": "old", "steps": { "t/s": { "status": "failed", "message": "row 1, n: expected 0, got 7" } } }
            """);

        var record = store.Load("old")!.Steps["t/s"];

        Assert.Equal(VerdictStatus.Failed, record.Status);
        Assert.Null(record.Reason);
        Assert.Equal("row 1, n: expected 0, got 7", record.Message);
    }

    [Fact]
    public void Saving_replaces_the_file_and_leaves_no_temporary_files()
    {
        var store = new ProgressStore(_dir);
        store.Save(Sample());
        store.Save(Sample() with { CurrentStep = "t1/p1" });
        Assert.Equal("t1/p1", store.Load("respaldo-autovacuum")!.CurrentStep);
        Assert.Equal([store.PathFor("respaldo-autovacuum")], Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_missing_file_means_no_progress()
    {
        Assert.Null(new ProgressStore(_dir).Load("never-opened"));
    }

    [Fact]
    public void A_damaged_file_is_set_aside_instead_of_failing()
    {
        var store = new ProgressStore(_dir);
        Directory.CreateDirectory(_dir);
        File.WriteAllText(store.PathFor("lab"), "{ \"labId\": \"lab\", \"steps\": ");
        Assert.Null(store.Load("lab"));
        Assert.True(File.Exists(store.PathFor("lab") + ".damaged"));
        Assert.False(File.Exists(store.PathFor("lab")));
    }

    [Fact]
    public void Lab_ids_cannot_escape_the_directory()
    {
        var store = new ProgressStore(_dir);
        Assert.Equal(_dir, Path.GetDirectoryName(store.PathFor("../../etc/passwd")));
    }

    [Fact]
    public void Delete_forgets_a_lab()
    {
        var store = new ProgressStore(_dir);
        store.Save(Sample());
        store.Delete("respaldo-autovacuum");
        Assert.Null(store.Load("respaldo-autovacuum"));
    }

    [Fact]
    public void The_default_directory_follows_XDG_DATA_HOME()
    {
        var old = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", "/srv/data");
            Assert.Equal("/srv/data/labrunner/progress", ProgressStore.DefaultDirectory());
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", null);
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            Assert.Equal(Path.Combine(home, ".local/share/labrunner/progress"), ProgressStore.DefaultDirectory());
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", old);
        }
    }
}
