using LabRunner.Execution;
using LabRunner.Postgres;
using LabRunner.Labs;

namespace LabRunner.Tests.Labs;

public class SeedLabTests
{
    private static Lab LoadSeed()
    {
        var result = LabLoader.LoadFile(LabFiles.Seed);
        Assert.True(result.Lab is not null, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        return result.Lab!;
    }

    [Fact]
    public void Seed_lab_loads_with_its_metadata()
    {
        var lab = LoadSeed();
        Assert.Equal("respaldo-autovacuum", lab.Id);
        Assert.Equal("Respaldo con API de bajo nivel y Autovacuum", lab.Title);
        Assert.Equal("es", lab.Language);
        Assert.Equal("30 minutos", lab.Duration);
        Assert.Equal(2, lab.Objectives.Count);
        Assert.Equal("Entender el funcionamiento del autovacuum en una base de datos.", lab.Objectives[1]);
        var image = Assert.Single(lab.Images);
        Assert.Equal(("../images/cap3/img1.png", "diagrama1", true), (image.Path, image.Alt, image.External));
        Assert.Equal(Path.GetFullPath(LabFiles.Seed), lab.SourcePath);
    }

    [Fact]
    public void Seed_lab_declares_its_server_needs()
    {
        var server = LoadSeed().Server;
        Assert.Equal("curso", server.Database);
        Assert.Equal(new VersionRange(14, null), server.Versions);
        Assert.Equal("1s", server.Settings["autovacuum_naptime"]);
        Assert.Equal(["rsync"], server.Tools);
        // LabRunner archives the WAL itself: the lab's own settings run no program, so the TUI opens it without a question.
        Assert.Equal("{{workdir}}/archivo_wal", server.WalArchive);
        Assert.DoesNotContain("archive_command", server.Settings.Keys);
        Assert.Empty(ConsentRules.BeforeSteps(LoadSeed()));
        var sandbox = WalArchiving.With(server.Settings, server.WalArchive);
        Assert.Equal("on", sandbox["archive_mode"]);
        Assert.Contains("cp %p \"{{workdir}}/archivo_wal/%f\"", sandbox["archive_command"]);
        Assert.Contains("CREATE TABLE alumnos", server.Setup);
    }

    [Fact]
    public void Seed_lab_has_the_authors_tasks_and_steps()
    {
        var lab = LoadSeed();
        Assert.Equal(["backup", "autovacuum", "verify-restore"], lab.Tasks.Select(t => t.Id));
        Assert.Equal("Tarea 1. Realizar un backup de la base de datos usando la API de bajo nivel de Postgresql", lab.Tasks[0].Title);
        Assert.Equal("Tarea 2. Observar el funcionamiento de autovacuum en la base de datos", lab.Tasks[1].Title);
        Assert.Equal(4, lab.Tasks[0].Steps.Count); // the author's three, and the backup_label the backup needs
        Assert.Equal(5, lab.Tasks[1].Steps.Count);
        Assert.Equal(["Paso 1.", "Paso 2.", "Paso 3.", "Paso 4.", "Paso 5."], lab.Tasks[1].Steps.Select(s => s.Title));
        Assert.Equal("Iniciar una sesión psql y ejecutar el comando de inicio de backup:", lab.Tasks[0].Steps[0].Text);
        Assert.Equal("Revisar nuevamente las estadísticas de la tabla y revisar si se ejecutó el autovacuum:", lab.Tasks[1].Steps[4].Text);
    }

    [Fact]
    public void Backup_steps_switch_functions_on_15_and_share_one_session()
    {
        var steps = LoadSeed().Tasks[0].Steps;
        var start = steps[0];
        var stop = steps[2];
        Assert.Equal("SELECT pg_start_backup('backup1', false, false);", start.ActionFor(14).Command); // non-exclusive
        Assert.Equal("SELECT pg_backup_start('backup1', false);", start.ActionFor(15).Command);
        Assert.Equal("SELECT pg_backup_start('backup1', false);", start.ActionFor(17).Command);
        Assert.StartsWith("CREATE TEMP TABLE fin_backup AS SELECT * FROM pg_stop_backup(false);", stop.ActionFor(14).Command);
        Assert.StartsWith("CREATE TEMP TABLE fin_backup AS SELECT * FROM pg_backup_stop();", stop.ActionFor(16).Command);
        Assert.Contains("FROM fin_backup) TO '{{backup_dir}}/backup_label'", steps[3].Action.Command);
        Assert.All(new[] { start.ActionFor(15), stop.ActionFor(15), start.ActionFor(14), stop.ActionFor(14), steps[3].Action },
            a => Assert.Equal(SqlAction.MainSession, Assert.IsType<SqlAction>(a).Session));
    }

    [Fact]
    public void Copy_step_is_a_portable_rsync()
    {
        var lab = LoadSeed();
        var copy = Assert.IsType<ShellAction>(lab.Tasks[0].Steps[1].Action);
        Assert.Equal("rsync -av --progress --exclude='postmaster.pid' --exclude='pg_wal/*' --exclude='pg_internal.init' {{data_directory}}/ {{backup_dir}}/", copy.Script);
        Assert.DoesNotContain("/var/lib/postgresql", copy.Script);
        var values = LabVariables.Resolve(lab, new Dictionary<string, string> { ["workdir"] = "/tmp/w", ["data_directory"] = "/tmp/d" });
        Assert.Equal("rsync -av --progress --exclude='postmaster.pid' --exclude='pg_wal/*' --exclude='pg_internal.init' /tmp/d/ /tmp/w/backup1/", LabVariables.Substitute(copy.Script, values));
    }

    [Fact]
    public void Expected_panel_of_task_2_waits_for_autovacuum_on_step_5()
    {
        var step = LoadSeed().Tasks[1].Steps[4];
        var expect = step.Expect!;
        Assert.StartsWith("curso=> SELECT relname, n_live_tup, n_dead_tup, last_vacuum, last_autovacuum\n", expect.Panel);
        Assert.Contains(" test_autovacuum |     666667 |          0 |             | 2024-10-06 19:00:44.756802-05\n(1 row)", expect.Panel);
        Assert.Equal(new Matcher.Shape(ValueShape.Timestamp), expect.Matchers["last_autovacuum"]);
        Assert.Equal(new Eventually(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(2)), expect.Eventually);
        Assert.Equal(["n_live_tup", "n_dead_tup"], expect.Watch!.Series);
        Assert.Equal("last_autovacuum", expect.Watch.Marker);
        Assert.Contains("current_setting('autovacuum_vacuum_scale_factor')::float8 * reltuples", expect.Watch.Threshold);
        Assert.True(step.Location.Line > 0);
        Assert.True(expect.Location.Line > step.Location.Line);
    }

    [Fact]
    public void Settings_panel_keeps_its_leading_spaces()
    {
        var panel = LoadSeed().Tasks[1].Steps[0].Expect!.Panel!;
        Assert.StartsWith(" autovacuum\n------------\n on\n(1 row)\n\n autovacuum_vacuum_threshold\n", panel);
    }

    [Fact]
    public void Graders_check_the_rows_left_after_task_2()
    {
        var check = Assert.Single(LoadSeed().Tasks[1].Checks);
        Assert.Equal(["count"], check.Expect!.Columns!);
        Assert.Equal("666667", check.Expect.Rows![0][0]);
    }

    [Fact]
    public void Task_3_verifies_the_backup_on_a_second_server_and_removes_it()
    {
        var task = LoadSeed().Tasks[2];
        Assert.Equal("Tarea 3. Comprobar que el backup se puede restaurar", task.Title);
        Assert.Equal(["check-copy", "prepare-recovery", "start-copy", "check-data", "stop-copy", "drop-copy"], task.Steps.Select(s => s.Id));
        var start = Assert.IsType<ServerAction>(task.Steps[2].Action);
        Assert.Equal((ServerOperation.StartOn, "restaurado", "{{backup_dir}}"), (start.Operation, start.Name, start.DataDirectory));
        Assert.Equal("restaurado", task.Steps[3].Action.Server);
        var stop = Assert.IsType<ServerAction>(task.Steps[4].Action);
        Assert.Equal((ServerOperation.Stop, "restaurado"), (stop.Operation, stop.Name));
        Assert.Equal("pg_dropcluster {{pg_major}} restaurado", task.Steps[5].Action.Command.Trim());
    }
}
