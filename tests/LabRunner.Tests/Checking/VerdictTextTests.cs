using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using static LabRunner.Tests.Checking.Outputs;
using LabRunner.Tests.Psql;

namespace LabRunner.Tests.Checking;

public class VerdictTextTests
{
    private static readonly SqlAction Seed = new("SELECT relname, n_live_tup, n_dead_tup, last_vacuum, last_autovacuum FROM pg_stat_user_tables WHERE relname = 'test_autovacuum';");
    private static readonly string[] SeedColumns = ["relname", "n_live_tup", "n_dead_tup", "last_vacuum", "last_autovacuum"];
    private static Expectation SeedPanel => new() { Panel = PanelCorpus.Read("seed-autovacuum.txt") };

    private static StepOutput SeedOutput(string deadTuples = "0", string? lastAutovacuum = "2026-11-24 07:31:02.123456+00") =>
        Of(Table(SeedColumns, ["test_autovacuum", "666667", deadTuples, null, lastAutovacuum]));

    [Fact]
    public void Spanish_names_a_differing_cell_in_Spanish()
    {
        var verdict = ExpectationChecker.Check(Seed, SeedPanel, SeedOutput(deadTuples: "833333"), VerdictText.Spanish);

        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        Assert.Equal("fila 1, n_dead_tup: se esperaba 0, se obtuvo 833333", verdict.Message);
    }

    [Fact]
    public void Spanish_says_the_output_matches_and_notes_the_volatile_timestamp_in_Spanish()
    {
        var verdict = ExpectationChecker.Check(Seed, SeedPanel, SeedOutput(), VerdictText.Spanish);

        Assert.Equal(VerdictStatus.Passed, verdict.Status);
        Assert.Equal("la salida coincide", verdict.Message);
        Assert.Contains(verdict.Notes, n => n.StartsWith("last_autovacuum:") && n.Contains("cualquier marca de tiempo (valor volátil)"));
    }

    [Fact]
    public void Spanish_describes_a_shape_mismatch_and_a_shell_exit_code_in_Spanish()
    {
        var shape = ExpectationChecker.Check(Seed, SeedPanel, SeedOutput(lastAutovacuum: null), VerdictText.Spanish);
        var shell = ExpectationChecker.Check(new ShellAction("rsync a b"), null, Shell(24, "some files vanished"), VerdictText.Spanish);

        Assert.Equal("fila 1, last_autovacuum: se esperaba cualquier marca de tiempo (valor volátil), se obtuvo NULL", shape.Message);
        Assert.Equal("código de salida: se esperaba 0, se obtuvo 24 (some files vanished)", shell.Message);
    }

    [Fact]
    public void Without_a_language_verdicts_stay_in_English()
    {
        var verdict = ExpectationChecker.Check(Seed, SeedPanel, SeedOutput(deadTuples: "833333"));

        Assert.Equal("row 1, n_dead_tup: expected 0, got 833333", verdict.Message);
        Assert.Same(VerdictText.English, VerdictText.For(null));
        Assert.Same(VerdictText.English, VerdictText.For("en_US.UTF-8"));
        Assert.Same(VerdictText.Spanish, VerdictText.For("es_ES.UTF-8"));
    }

    [Fact]
    public void Spanish_durations_use_a_decimal_comma()
    {
        Assert.Equal("6,5 s", VerdictText.Spanish.Duration(TimeSpan.FromSeconds(6.5)));
        Assert.Equal("6.5 s", VerdictText.English.Duration(TimeSpan.FromSeconds(6.5)));
        Assert.Equal("sigue sin coincidir tras 3,0 s (3 intentos): fila 1, n: se esperaba 0, se obtuvo 7",
            VerdictText.Spanish.StillNotMatching(TimeSpan.FromSeconds(3), 3, "fila 1, n: se esperaba 0, se obtuvo 7"));
    }
}
