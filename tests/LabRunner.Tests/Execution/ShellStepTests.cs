using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;
using LabRunner.Psql;

namespace LabRunner.Tests.Execution;

[Collection(SandboxCollection.Name)]
public sealed class ShellStepTests(SandboxFixture fx)
{
    private StepExecutor NewExecutor() => new(fx.Sandbox, new ExecutionOptions());

    private static Task<StepOutput> Shell(StepExecutor ex, string script, TimeSpan? timeout = null, Consent granted = Consent.Shell,
        CancellationToken ct = default) =>
        ex.ExecuteAsync(new ShellAction(script), granted, timeout, null, ct);

    [Fact]
    public async Task Stdout_and_stderr_arrive_in_the_order_they_were_written()
    {
        await using var ex = NewExecutor();
        var output = await Shell(ex, "echo one; echo two >&2; echo three; echo four >&2");
        Assert.Equal("one\ntwo\nthree\nfour\n", output.Text);
        Assert.Equal(0, Assert.IsType<ShellResult>(Assert.Single(output.Results)).ExitCode);
        Assert.Equal(StepOutcome.Completed, output.Outcome);
    }

    [Fact]
    public async Task A_failing_script_shows_its_exit_code()
    {
        await using var ex = NewExecutor();
        var output = await Shell(ex, "echo partial; exit 3");
        Assert.Equal("partial\nexit code 3\n", output.Text);
        Assert.Equal(3, ((ShellResult)output.Results[0]).ExitCode);
        Assert.Equal([new ExitedWith(3)], ((ShellResult)output.Results[0]).Notes); // the added line as data, for a face's language
        Assert.Equal(StepOutcome.Failed, output.Outcome);
    }

    [Fact]
    public async Task The_script_runs_as_given_and_psql_reaches_the_lab_server()
    {
        await using var ex = NewExecutor();
        // Variables are LabRun's business: the executor receives final scripts and substitutes nothing again.
        var output = await Shell(ex, "echo '{{label}}'; psql -X -At -c 'SELECT 40 + 2'");
        Assert.Equal("{{label}}\n42\n", output.Text);
    }

    [Fact]
    public async Task A_timeout_kills_the_whole_process_group()
    {
        await using var ex = NewExecutor();
        // A background child with a command line of its own: the test finds it on the host (/proc) while it lives.
        var seconds = $"30.{Random.Shared.Next(100000, 999999)}";
        var started = $"started-{Guid.NewGuid():N}"; // in the step's working directory
        var output = await Shell(ex, $"(touch {started}; exec sleep {seconds}) & sleep 30", TimeSpan.FromSeconds(3));
        Assert.Equal(StepOutcome.TimedOut, output.Outcome);
        Assert.True(File.Exists(fx.Sandbox.HostPath(Path.Combine(fx.Sandbox.StepWorkDirectory, started))), "the background child never started: this test would prove nothing");
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.Matching("sleep " + seconds).Count == 0, TimeSpan.FromSeconds(20)),
            "a child of the script survived the timeout: " + string.Join("; ", HostProcesses.Matching("sleep " + seconds)));
    }

    [Fact]
    public async Task Cancel_kills_the_script()
    {
        await using var ex = NewExecutor();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var output = await Shell(ex, "echo started; sleep 30", ct: cts.Token);
        Assert.Equal(StepOutcome.Cancelled, output.Outcome);
        Assert.StartsWith("started\n", output.Text);
        var notes = ((ShellResult)output.Results[0]).Notes;
        Assert.IsType<CancelledByUser>(notes[^1]);
        Assert.EndsWith(string.Concat(notes.Select(n => n.Line + "\n")), output.Text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Shell_steps_are_refused_unless_the_call_grants_consent()
    {
        await using var ex = NewExecutor();
        await Assert.ThrowsAsync<ShellNotAllowedException>(() => Shell(ex, "echo hi", granted: Consent.None));
    }

    [Fact]
    public void ToolCheck_lists_only_the_missing_tools()
    {
        Assert.Equal(["surely-not-a-tool-xyz"], ToolCheck.Missing(["bash", "surely-not-a-tool-xyz", "sh"]));
    }

    [Fact]
    public async Task G_to_a_file_writes_it_inside_the_sandbox_as_postgres_and_prints_no_rows()
    {
        await using var ex = NewExecutor();
        var name = $"label-{Guid.NewGuid():N}";
        var sql = await ex.ExecuteAsync(new SqlAction($"SELECT 'line one' || chr(10) || 'line two' AS label \\g (format=unaligned tuples_only=on) /var/lib/postgresql/{name}"),
            Consent.None, null, null, CancellationToken.None);
        Assert.Equal("", sql.Text); // the result went to the file
        // The file is where the lab's shell steps see it, at the path the lab named.
        var read = await Shell(ex, $"cat /var/lib/postgresql/{name}; stat -c %U /var/lib/postgresql/{name}");
        Assert.Equal("line one\nline two\npostgres\n", read.Text);
    }
}
