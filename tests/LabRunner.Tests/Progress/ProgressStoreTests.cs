using LabRunner.Checking;
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
            ["t2/p1"] = new() { Status = VerdictStatus.Passed, Message = "output matches" },
            ["t2/p2"] = new() { Status = VerdictStatus.Failed, Message = "row 1, n: expected 0, got 7", EditedCommand = "SELECT 7 AS n;", HintUsed = true },
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
        Assert.Equal("row 1, n: expected 0, got 7", loaded.Steps["t2/p2"].Message);
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

    [Theory]
    [InlineData("""{ "format": 1, "labId": "lab", "steps": null }""", "steps is missing or null")]
    [InlineData("""{ "format": 1, "labId": "lab", "steps": { "x": null } }""", "step \"x\" is null")]
    [InlineData("""{ "format": 1, "labId": "lab", "steps": { "t/p": { "status": 42 } } }""", "unknown status")]
    [InlineData("""{ "format": 1, "steps": {} }""", "not the shape of a progress file")]
    [InlineData("null", "the file holds null")]
    [InlineData("""{ "format": 1, "labId": "lab", "steps": [] }""", "not the shape of a progress file")]
    [InlineData("""{ "format": 1, "labId": "lab", "steps": { "t/p": { "status": "bogus" } } }""", "not the shape of a progress file")]
    [InlineData("{ \"labId\": \"lab\", \"steps\": ", "not valid JSON")]
    public void Valid_json_of_the_wrong_shape_is_set_aside_and_said(string json, string why)
    {
        var store = new ProgressStore(_dir);
        Directory.CreateDirectory(_dir);
        File.WriteAllText(store.PathFor("lab"), json);

        var read = store.Read("lab");

        Assert.Null(read.Progress);
        Assert.Contains(why, read.SetAside!.Why);
        Assert.Equal(store.PathFor("lab") + ".damaged", read.SetAside.MovedTo);
        Assert.False(File.Exists(store.PathFor("lab")));
        Assert.Equal(json, File.ReadAllText(store.PathFor("lab") + ".damaged"));
        Assert.Equal(SavedProgress.None, store.Read("lab")); // once set aside, the next start is clean
    }
}
