using LabRunner.Labs;

namespace LabRunner.Checking;

/// <summary>The step ran; its expected result is prose, a picture, a table of values or a progress meter: shown, not compared.</summary>
public sealed record NotCompared(ProseKind Shown) : VerdictReason;

/// <summary>Nothing to run: the student does the step by hand.</summary>
public sealed record ManualStep : VerdictReason;

/// <summary>The student marked a manual step done.</summary>
public sealed record MarkedDone : VerdictReason;

/// <summary>A file step wrote its file into the lab's work folder.</summary>
public sealed record FileWritten(string Path) : VerdictReason;
