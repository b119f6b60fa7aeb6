using System.Reflection;
using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Running;
using LabRunner.Tests.Psql;
using LabRunner.Text;
using static LabRunner.Tests.Checking.Outputs;

namespace LabRunner.Tests.Text;

public class CatalogueTests
{
    private static readonly SqlAction Seed = new("SELECT relname, n_live_tup, n_dead_tup, last_vacuum, last_autovacuum FROM pg_stat_user_tables WHERE relname = 'test_autovacuum';");
    private static readonly string[] SeedColumns = ["relname", "n_live_tup", "n_dead_tup", "last_vacuum", "last_autovacuum"];
    private static Expectation SeedPanel => new() { Panel = PanelCorpus.Read("seed-autovacuum.txt") };
    private static readonly Catalogue Es = Catalogue.Spanish;
    private static readonly Catalogue En = Catalogue.English;

    private static StepOutput SeedOutput(string deadTuples = "0", string? lastAutovacuum = "2026-11-24 07:31:02.123456+00") =>
        Of(Table(SeedColumns, ["test_autovacuum", "666667", deadTuples, null, lastAutovacuum]));

    [Fact]
    public void Spanish_names_a_differing_cell_in_Spanish()
    {
        var verdict = ExpectationChecker.Check(Seed, SeedPanel, SeedOutput(deadTuples: "833333"));

        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        Assert.Equal("fila 1, n_dead_tup: se esperaba 0, se obtuvo 833333", Es.Say(verdict));
        Assert.Equal("row 1, n_dead_tup: expected 0, got 833333", En.Say(verdict)); // the same verdict, in the other language
    }

    [Fact]
    public void Spanish_says_the_output_matches_and_notes_the_volatile_timestamp_in_Spanish()
    {
        var verdict = ExpectationChecker.Check(Seed, SeedPanel, SeedOutput());

        Assert.Equal(VerdictStatus.Passed, verdict.Status);
        Assert.Equal("la salida coincide", Es.Say(verdict));
        Assert.Contains(Es.Notes(verdict), n => n.StartsWith("last_autovacuum:") && n.Contains("cualquier marca de tiempo (valor volátil)"));
    }

    [Fact]
    public void Spanish_describes_a_shape_mismatch_and_a_shell_exit_code_in_Spanish()
    {
        var shape = ExpectationChecker.Check(Seed, SeedPanel, SeedOutput(lastAutovacuum: null));
        var shell = ExpectationChecker.Check(new ShellAction("rsync a b"), null, Shell(24, "some files vanished"));

        Assert.Equal("fila 1, last_autovacuum: se esperaba cualquier marca de tiempo (valor volátil), se obtuvo NULL", Es.Say(shape));
        Assert.Equal("código de salida: se esperaba 0, se obtuvo 24 (some files vanished)", Es.Say(shell));
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("en_US.UTF-8", "en")]
    [InlineData("es_ES.UTF-8", "es")]
    [InlineData("fr_FR.UTF-8", "en")]
    public void The_language_code_picks_the_catalogue(string? language, string code) => Assert.Equal(code, Catalogue.For(language).Code);

    [Theory]
    [InlineData(null, "es_MX.UTF-8", null, "es")]
    [InlineData(null, null, "es_ES.UTF-8", "es")]
    [InlineData(null, "en_US.UTF-8", "es_ES.UTF-8", "en")]
    [InlineData("en", "es_ES.UTF-8", null, "en")]
    [InlineData("es", null, null, "es")]
    [InlineData(null, null, null, "en")]
    [InlineData(null, "C", null, "en")]
    public void The_interface_language_comes_from_lang_then_LC_ALL_then_LANG(string? option, string? lcAll, string? lang, string expected)
    {
        var env = new Dictionary<string, string?> { ["LC_ALL"] = lcAll, ["LANG"] = lang };
        Assert.Equal(expected, Catalogue.Resolve(option, name => env.GetValueOrDefault(name)).Code);
    }

    [Fact]
    public void Numbers_are_written_in_the_catalogues_culture_everywhere()
    {
        Assert.Equal("6,5 s", Es.Duration(TimeSpan.FromSeconds(6.5)));
        Assert.Equal("6.5 s", En.Duration(TimeSpan.FromSeconds(6.5)));
        Assert.Equal("6,5 s", Es.Seconds(TimeSpan.FromSeconds(6.5)));
        Assert.Equal("ejecutado en 6,5 s", Es.Ran(TimeSpan.FromSeconds(6.5)));
        Assert.Equal("se rinde en 2,0 s", Es.GivesUpIn(TimeSpan.FromSeconds(2)));
        Assert.Equal("(con el tiempo: en 180 s, cada 2,0 s)", Es.EventuallyWithin(TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(2)));
        Assert.Equal("sigue sin coincidir tras 3,0 s (3 intentos): fila 1, n: se esperaba 0, se obtuvo 7",
            Es.Say(new StillNotMatching(new CellDiffers(1, null, "n", new Matcher.Exact(), "0", false, "7"), TimeSpan.FromSeconds(3), 3)));
    }

    [Fact]
    public void Run_events_are_words_made_from_data()
    {
        Assert.Equal("running", En.Say(new Executing()));
        Assert.Equal("waiting for lock", En.Say(new LockWait(null, null, null)));
        Assert.Equal("waiting for lock on acct held by session alice", En.Say(new LockWait(4242, "alice", "acct")));
        Assert.Equal("waiting for lock held by server process 4242", En.Say(new LockWait(4242, null, null)));
        Assert.Equal("esperando un bloqueo sobre acct que tiene la sesión alice", Es.Say(new LockWait(4242, "alice", "acct")));
        // A session the lab named as a place reads as that place, not as an id.
        Assert.Equal("waiting for lock held by Terminal 1", En.Say(new LockWait(4242, "terminal-1", null)));
        Assert.Equal("esperando un bloqueo que tiene la Terminal 1", Es.Say(new LockWait(4242, "terminal-1", null)));
        Assert.Equal(("session B", "sesión B", "Left pane"), (En.SessionLabel("B"), Es.SessionLabel("B"), En.SessionLabel("left-pane")));
        Assert.Equal("waiting until the output matches (last: expected 1 row, got 2 rows)",
            En.Say(new EventuallyRetry(2, TimeSpan.FromSeconds(1), new RowCountDiffers(1, 2, null, null))));
    }

    /// <summary>
    /// Spanish overrides every phrase of the English base, but for the few that read the same in both. A phrase added to the
    /// base and forgotten in Spanish fails here (it would show in English on a Spanish screen).
    /// </summary>
    [Fact]
    public void Spanish_says_every_phrase_in_Spanish()
    {
        string[] sameInBoth = ["Error", "Sandbox", "Restore", "No"];
        var phrases = typeof(Catalogue).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m is PropertyInfo { GetMethod.IsVirtual: true } or MethodInfo { IsVirtual: true, IsSpecialName: false })
            .Where(m => m.Name is not "Code" and not "Culture")
            .Select(m => m.Name).Distinct().ToList();
        Assert.True(phrases.Count > 100, $"only {phrases.Count} phrases found: the reflection is wrong");
        var spanish = Es.GetType();
        var missing = phrases.Where(name => !sameInBoth.Contains(name) && spanish.GetMember(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Length == 0).ToList();
        Assert.True(missing.Count == 0, "not in Spanish: " + string.Join(", ", missing));
    }
}
