using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Progress;

namespace LabRunner.Tui;

/// <summary>
/// What the student has done in a lab, with no screen, engine or thread in sight: the selected step, each step's kept
/// verdict and latest result (or the verdict saved by an earlier session), edited commands and hints asked for; saved
/// progress in and out. Every change returns whether anything changed, so the caller knows when to redraw and save.
/// </summary>
public sealed class ProgressModel
{
    private readonly Dictionary<string, VerdictStatus> _verdicts = [];
    private readonly Dictionary<string, StepRunResult> _results = [];
    private readonly Dictionary<string, StepRecord> _saved = [];
    private readonly Dictionary<string, string> _edits = [];
    private readonly Dictionary<string, int> _hints = [];

    public ProgressModel(Lab lab)
    {
        Lab = lab;
        var steps = new List<StepRef>();
        for (var t = 0; t < lab.Tasks.Count; t++)
            foreach (var step in lab.Tasks[t].Steps)
                steps.Add(new StepRef(steps.Count, t, lab.Tasks[t], step));
        Steps = steps;
    }

    public Lab Lab { get; }
    public IReadOnlyList<StepRef> Steps { get; }
    public int SelectedIndex { get; private set; }
    public StepRef? Selected => Steps.Count == 0 ? null : Steps[SelectedIndex];
    /// <summary>Steps done: passed, manual steps marked done, and results the student compared by eye.</summary>
    public int DoneCount => Steps.Count(s => StepStatuses.IsDone(VerdictOf(s)));

    public VerdictStatus VerdictOf(StepRef step) => _verdicts.GetValueOrDefault(step.Key, VerdictStatus.NotRun);
    public StepRunResult? ResultOf(StepRef step) => _results.GetValueOrDefault(step.Key);
    /// <summary>The verdict an earlier session saved (the output itself is not kept), until the step runs again.</summary>
    public StepRecord? SavedOf(StepRef step) => _saved.GetValueOrDefault(step.Key);
    public string? EditOf(StepRef step) => _edits.GetValueOrDefault(step.Key);
    public bool IsEdited(StepRef step) => _edits.ContainsKey(step.Key);
    public bool HintShown(StepRef step) => HintLevel(step) > 0;
    /// <summary>0: no hint asked for; 1: the nudge shown; 2: the solution command shown too.</summary>
    public int HintLevel(StepRef step) => _hints.GetValueOrDefault(step.Key);

    public bool Select(int index)
    {
        if (Steps.Count == 0) return false;
        index = Math.Clamp(index, 0, Steps.Count - 1);
        if (index == SelectedIndex) return false;
        SelectedIndex = index;
        return true;
    }

    /// <summary>A task's first step (the tree's task rows select it), or null for a task without steps.</summary>
    public StepRef? FirstOf(int taskIndex) => Steps.FirstOrDefault(s => s.TaskIndex == taskIndex);

    /// <summary>Keeps the student's command, or forgets it when it is the original again (ignoring line endings and trailing space).</summary>
    public bool Edit(StepRef step, string command, string original)
    {
        if (Normalise(command) == Normalise(original)) return _edits.Remove(step.Key);
        if (_edits.TryGetValue(step.Key, out var old) && old == command) return false;
        _edits[step.Key] = command;
        return true;
    }

    public bool RestoreOriginal(StepRef step) => _edits.Remove(step.Key);

    /// <summary>One more hint level (up to <paramref name="levels"/>); false when the last one is already shown.</summary>
    public bool ShowHint(StepRef step, int levels = 1)
    {
        var level = HintLevel(step);
        if (level >= levels) return false;
        _hints[step.Key] = level + 1;
        return true;
    }

    /// <summary>The step's mark and saved verdict go (it is to be run again), its edit and hints stay.</summary>
    public void Unmark(StepRef step)
    {
        Started(step);
        _verdicts.Remove(step.Key);
    }

    /// <summary>Forgets a step's verdict, output, saved verdict and edit.</summary>
    public void Reset(StepRef step)
    {
        Started(step);
        _verdicts.Remove(step.Key);
        _edits.Remove(step.Key);
    }

    /// <summary>A run of the step begins: its old output and saved verdict go.</summary>
    public void Started(StepRef step)
    {
        _results.Remove(step.Key);
        _saved.Remove(step.Key);
    }

    /// <summary>A run finished: its result stays for the screen, its verdict is kept (a cancelled run leaves the step not run).</summary>
    public void Finished(StepRef step, StepRunResult result)
    {
        _results[step.Key] = result;
        var kept = result.Output.Outcome == StepOutcome.Cancelled ? VerdictStatus.NotRun : StepStatuses.Kept(result.Verdict.Status);
        if (kept == VerdictStatus.NotRun) _verdicts.Remove(step.Key);
        else _verdicts[step.Key] = kept;
    }

    /// <summary>The lab starts over: nothing done, the first step selected.</summary>
    public void Clear()
    {
        _verdicts.Clear();
        _results.Clear();
        _saved.Clear();
        _edits.Clear();
        _hints.Clear();
        SelectedIndex = 0;
    }

    /// <summary>Takes back saved progress: verdicts (as data, worded later in the session's language), edits, hints, the step selected.</summary>
    public void Apply(LabProgress saved)
    {
        foreach (var step in Steps)
        {
            if (!saved.Steps.TryGetValue(step.Key, out var record)) continue;
            var kept = StepStatuses.Kept(record.Status);
            if (kept != VerdictStatus.NotRun)
            {
                _verdicts[step.Key] = kept;
                if (record.Reason is not null || record.Message is not null) _saved[step.Key] = record;
            }
            if (record.EditedCommand is not null) _edits[step.Key] = record.EditedCommand;
            if (record.HintUsed || record.HintLevel > 0) _hints[step.Key] = Math.Max(1, record.HintLevel);
        }
        if (Steps.FirstOrDefault(s => s.Key == saved.CurrentStep) is { } current) SelectedIndex = current.Index;
    }

    /// <summary>What to save: every step with a verdict, an edit or a hint.</summary>
    public LabProgress Snapshot(DateTimeOffset now)
    {
        var records = new Dictionary<string, StepRecord>();
        foreach (var step in Steps)
        {
            var status = VerdictOf(step);
            var result = ResultOf(step);
            var saved = SavedOf(step);
            var edited = EditOf(step);
            var hint = HintLevel(step);
            if (status == VerdictStatus.NotRun && edited is null && hint == 0) continue;
            var verdict = status == VerdictStatus.NotRun ? null : result?.Verdict;
            records[step.Key] = new StepRecord
            {
                Status = status,
                Reason = status == VerdictStatus.NotRun ? null : verdict?.Reason ?? saved?.Reason,
                Notes = status == VerdictStatus.NotRun ? [] : verdict?.Notes ?? saved?.Notes ?? [],
                Message = status == VerdictStatus.NotRun || verdict is not null ? null : saved?.Message,
                EditedCommand = edited,
                HintUsed = hint > 0,
                HintLevel = hint,
                LastRun = result is null ? null : now,
            };
        }
        return new LabProgress { LabId = Lab.Id, CurrentStep = Selected?.Key, Steps = records };
    }

    private static string Normalise(string command) => command.Replace("\r\n", "\n").TrimEnd();
}
