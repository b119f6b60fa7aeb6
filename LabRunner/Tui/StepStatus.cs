namespace LabRunner.Tui;

/// <summary>A step's mark in the tree.</summary>
/// <summary>Done: a manual step the student marked done. NotCompared: it ran; its expected result is words or a picture to compare by eye.</summary>
public enum StepStatus { NotRun, Running, Passed, Failed, Error, Done, NotCompared }
